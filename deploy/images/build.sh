#!/usr/bin/env bash
# Builds Switchboard's container images where no image registry is reachable: a JRE base image made from Debian
# packages (debootstrap), then the four services and the provider simulator on it, from the Maven build's
# target/quarkus-app. The names and tags are the ones the Helm charts pull (<registry>/<group>/<service>:<tag>).
#
#   deploy/images/build.sh            # base (once) and every service; builds the services first if needed
#   deploy/images/build.sh --base     # the base image only
#
# Needs: a running Docker engine (Debian: apt-get install docker.io), debootstrap, root (debootstrap and the engine
# need it). Where a registry is reachable, the Quarkus images profile builds the same images (mvn -Dimages).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
SUITE="${DEBIAN_SUITE:-bookworm}"
BASE="${SWITCHBOARD_BASE_IMAGE:-switchboard/jre:17}"
pom() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$ROOT/pom.xml" | head -1; }
REGISTRY="${SWITCHBOARD_IMAGE_REGISTRY:-$(pom switchboard.image.registry)}"
GROUP="${SWITCHBOARD_IMAGE_GROUP:-$(pom switchboard.image.group)}"
VERSION="$(sed -n '0,/<version>/s:.*<version>\(.*\)</version>.*:\1:p' "$ROOT/pom.xml" | tail -1)"
TAG="${SWITCHBOARD_IMAGE_TAG:-$VERSION}"
SERVICES=(channel-service message-queue-service notification-service billing-service provider-simulator)

base_image() {
  if docker image inspect "$BASE" > /dev/null 2>&1; then
    echo "base image $BASE exists"
    return
  fi
  local rootfs
  rootfs="$(mktemp -d)"
  trap 'rm -rf "$rootfs"' RETURN
  echo "base image $BASE: debootstrap $SUITE from $MIRROR"
  debootstrap --variant=minbase --include=openjdk-17-jre-headless,ca-certificates-java \
    "$SUITE" "$rootfs" "$MIRROR" > "$rootfs.log" 2>&1 || { tail -20 "$rootfs.log"; exit 1; }
  # The user the charts run as (185, group 0 so that an arbitrary user id of OpenShift can read too).
  chroot "$rootfs" useradd --uid 185 --gid 0 --home-dir /deployments --create-home --shell /usr/sbin/nologin switchboard
  # What a running JVM never reads: package caches and lists, documentation, manuals, locales.
  rm -rf "$rootfs"/var/cache/apt/* "$rootfs"/var/lib/apt/lists/* "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* \
    "$rootfs"/usr/share/locale/* "$rootfs"/usr/share/info/* "$rootfs"/var/log/*
  tar -C "$rootfs" -c . | docker import \
    --change 'ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64 LANG=C.UTF-8' \
    --change 'CMD ["java", "-version"]' - "$BASE" > /dev/null
  rm -f "$rootfs.log"
  echo "base image $BASE built"
}

service_image() {
  local service="$1" app="$ROOT/$1/target/quarkus-app"
  local image="$REGISTRY/$GROUP/$service:$TAG"
  docker build --quiet --build-arg BASE="$BASE" -f "$ROOT/deploy/images/Service.Dockerfile" -t "$image" "$app" > /dev/null
  echo "$image"
}

base_image
[ "${1:-}" = "--base" ] && exit 0
for service in "${SERVICES[@]}"; do
  if [ ! -f "$ROOT/$service/target/quarkus-app/quarkus-run.jar" ]; then
    (cd "$ROOT" && ./mvnw -B -q package -DskipTests -Dspotless.check.skip)
    break
  fi
done
for service in "${SERVICES[@]}"; do
  service_image "$service"
done
docker image ls --format '{{.Repository}}:{{.Tag}}\t{{.Size}}' | grep -E "^($BASE|$REGISTRY/$GROUP/)" | sort
