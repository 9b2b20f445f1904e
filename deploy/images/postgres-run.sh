#!/bin/sh
# Starts PostgreSQL, configured like the public postgres image: on the first start, a cluster in $PGDATA with the
# superuser $POSTGRES_USER (password $POSTGRES_PASSWORD) and the database $POSTGRES_DB, set up by a temporary server;
# then the server itself, listening on every address, with any arguments given (e.g. -c fsync=off, or
# postgres -c fsync=off as the public image takes them).
set -eu
# "postgres -c ..." as the public image takes it (Testcontainers' PostgreSQLContainer passes that command).
if [ "${1:-}" = "postgres" ]; then
  shift
fi
: "${POSTGRES_USER:=postgres}"
: "${POSTGRES_DB:=$POSTGRES_USER}"
: "${PGDATA:=/var/lib/postgresql/data}"
BIN=/usr/lib/postgresql/15/bin
export PGDATA
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  if [ -z "${POSTGRES_PASSWORD:-}" ]; then
    echo "POSTGRES_PASSWORD is required" >&2
    exit 1
  fi
  pwfile=$(mktemp)
  printf '%s\n' "$POSTGRES_PASSWORD" > "$pwfile"
  "$BIN/initdb" --username="$POSTGRES_USER" --pwfile="$pwfile" --auth-host=scram-sha-256 --auth-local=trust \
    --encoding=UTF8 --locale=C.UTF-8 > /dev/null
  rm -f "$pwfile"
  printf "listen_addresses = '*'\n" >> "$PGDATA/postgresql.conf"
  printf 'host all all all scram-sha-256\n' >> "$PGDATA/pg_hba.conf"
  # the temporary server logs too (its "ready to accept connections", as the public image)
  "$BIN/pg_ctl" -w -o "-c listen_addresses='' -k /tmp" start
  if [ "$POSTGRES_DB" != "postgres" ]; then
    "$BIN/psql" -h /tmp -U "$POSTGRES_USER" -d postgres -v ON_ERROR_STOP=1 -q \
      -c "CREATE DATABASE \"$POSTGRES_DB\""
  fi
  for script in /docker-entrypoint-initdb.d/*.sql; do
    [ -f "$script" ] && "$BIN/psql" -h /tmp -U "$POSTGRES_USER" -d "$POSTGRES_DB" -v ON_ERROR_STOP=1 -q -f "$script"
  done
  "$BIN/pg_ctl" -w -m fast stop > /dev/null
fi
exec "$BIN/postgres" -k /tmp "$@"
