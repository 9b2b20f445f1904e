#!/usr/bin/env bash
# Builds Switchboard's container images where no image registry is reachable: a JRE base image made from Debian
# packages (debootstrap), then the four services and the provider simulator on it, from the Maven build's
# target/quarkus-app, tagged as the Helm charts pull them (<registry>/<group>/<service>:<tag>); and a Kafka image
# (the broker's jars from Maven) and a PostgreSQL image (Debian's packages), configured like the public ones.
#
#   deploy/images/build.sh                    # base (once), every service, Kafka and PostgreSQL; builds the
#                                             # services first if needed
#   deploy/images/build.sh --base             # the base image only
#   deploy/images/build.sh --services         # the services and the simulator (after a change to their code)
#   deploy/images/build.sh --infrastructure   # Kafka and PostgreSQL
#
# Needs: a running Docker engine (Debian: apt-get install docker.io), debootstrap, root (debootstrap and the engine
# need it). Where a registry is reachable, the Quarkus images profile builds the same images (mvn -Dimages).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
command -v docker > /dev/null && docker version > /dev/null 2>&1 \
  || { echo "build.sh: no running Docker engine (Debian: apt-get install -y docker.io; systemctl start docker)" >&2; exit 1; }
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
SUITE="${DEBIAN_SUITE:-bookworm}"
BASE="${SWITCHBOARD_BASE_IMAGE:-switchboard/jre:17}"
pom() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$ROOT/pom.xml" | head -1; }
REGISTRY="${SWITCHBOARD_IMAGE_REGISTRY:-$(pom switchboard.image.registry)}"
GROUP="${SWITCHBOARD_IMAGE_GROUP:-$(pom switchboard.image.group)}"
VERSION="$(sed -n '0,/<version>/s:.*<version>\(.*\)</version>.*:\1:p' "$ROOT/pom.xml" | tail -1)"
TAG="${SWITCHBOARD_IMAGE_TAG:-$VERSION}"
KAFKA="${SWITCHBOARD_KAFKA_IMAGE:-switchboard/kafka:4.1.1}"
POSTGRES_BASE="switchboard/postgres-base:15"
POSTGRES="${SWITCHBOARD_POSTGRES_IMAGE:-switchboard/postgres:15}"
SERVICES=(channel-service message-queue-service notification-service billing-service provider-simulator console)

# A Debian root file system with these packages, imported into the engine as an image (once).
rootfs_image() {
  local image="$1" packages="$2"
  if docker image inspect "$image" > /dev/null 2>&1; then
    echo "$image exists"
    return
  fi
  command -v debootstrap > /dev/null \
    || { echo "build.sh: $image needs debootstrap (Debian: apt-get install -y debootstrap)" >&2; exit 1; }
  [ "$(id -u)" = 0 ] || { echo "build.sh: debootstrap needs root: sudo $0" >&2; exit 1; }
  local rootfs
  rootfs="$(mktemp -d)"
  echo "$image: debootstrap $SUITE with $packages from $MIRROR"
  debootstrap --variant=minbase --include="$packages" "$SUITE" "$rootfs" "$MIRROR" > "$rootfs.log" 2>&1 \
    || { tail -20 "$rootfs.log"; rm -rf "$rootfs"; exit 1; }
  # The user the images run as (185, group 0 so that an arbitrary user id of OpenShift can read too).
  chroot "$rootfs" useradd --uid 185 --gid 0 --home-dir /deployments --create-home --shell /usr/sbin/nologin switchboard
  # What a running server never reads: package caches and lists, documentation, manuals, locales, the cluster that
  # the postgresql package creates (the image makes its own in $PGDATA).
  rm -rf "$rootfs"/var/cache/apt/* "$rootfs"/var/lib/apt/lists/* "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* \
    "$rootfs"/usr/share/locale/* "$rootfs"/usr/share/info/* "$rootfs"/var/log/* \
    "$rootfs"/var/lib/postgresql/15 "$rootfs"/etc/postgresql/15
  tar -C "$rootfs" -c . | docker import --change 'ENV LANG=C.UTF-8' - "$image" > /dev/null
  rm -rf "$rootfs" "$rootfs.log"
  echo "$image built"
}

service_image() {
  local service="$1" app="$ROOT/$1/target/quarkus-app"
  local image="$REGISTRY/$GROUP/$service:$TAG"
  docker build --quiet --build-arg BASE="$BASE" -f "$ROOT/deploy/images/Service.Dockerfile" -t "$image" "$app" > /dev/null
  echo "$image"
}

# Kafka from the broker's runtime jars (kafka/pom.xml: the build's Kafka version), PostgreSQL from Debian's packages.
infrastructure_images() {
  local context
  context="$(mktemp -d)"
  (cd "$ROOT" && ./mvnw -B -q -f deploy/images/kafka/pom.xml dependency:copy-dependencies -DincludeScope=runtime \
    -DoutputDirectory="$context/libs")
  cp "$ROOT/deploy/images/kafka-run.sh" "$context/"
  docker build --quiet --build-arg BASE="$BASE" -f "$ROOT/deploy/images/Kafka.Dockerfile" -t "$KAFKA" "$context" > /dev/null
  echo "$KAFKA"
  rm -rf "$context"
  rootfs_image "$POSTGRES_BASE" postgresql-15
  docker build --quiet --build-arg BASE="$POSTGRES_BASE" -f "$ROOT/deploy/images/Postgres.Dockerfile" -t "$POSTGRES" \
    "$ROOT/deploy/images" > /dev/null
  echo "$POSTGRES"
}

services_images() {
  for service in "${SERVICES[@]}"; do
    if [ ! -f "$ROOT/$service/target/quarkus-app/quarkus-run.jar" ]; then
      (cd "$ROOT" && ./mvnw -B -q package -DskipTests -Dspotless.check.skip)
      break
    fi
  done
  for service in "${SERVICES[@]}"; do
    service_image "$service"
  done
}

rootfs_image "$BASE" openjdk-17-jre-headless,ca-certificates-java
case "${1:-}" in
  --base) exit 0 ;;
  --services) services_images ;;
  --infrastructure) infrastructure_images ;;
  "") services_images; infrastructure_images ;;
  *) echo "usage: $0 [--base | --services | --infrastructure]" >&2; exit 2 ;;
esac
docker image ls --format '{{.Repository}}:{{.Tag}}\t{{.Size}}' | grep -E "^(switchboard/|$REGISTRY/$GROUP/)" | sort
