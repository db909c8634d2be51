#!/usr/bin/env bash
# Starts or stops a throwaway PostgreSQL server on loopback, for development and CI.
#   scripts/postgres-local.sh start   # prints the DATABASE_URL to use
#   scripts/postgres-local.sh stop    # stops the server and deletes its data
#   scripts/postgres-local.sh url     # prints the DATABASE_URL of a running server
#   scripts/postgres-local.sh status  # exit status 0 when the server is running
#   scripts/postgres-local.sh restart # pg_ctl restart -m immediate: a crash and recovery, data kept
# PG_PORT (default 5433) and PG_DATA (default /tmp/hub-postgres-$PG_PORT) choose where it runs.
# PostgreSQL refuses to run as root: as root, the server runs as the `postgres` system user.
set -euo pipefail

PG_PORT="${PG_PORT:-5433}"
PG_DATA="${PG_DATA:-/tmp/hub-postgres-$PG_PORT}"
PG_USER="hub"
PG_PASSWORD="hub"
PG_DB="hub"

bin_dir() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    if [ -x "$dir/initdb" ]; then echo "$dir"; return 0; fi
  done
  if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return 0; fi
  echo "PostgreSQL server binaries not found (Debian: apt-get install -y postgresql)" >&2
  return 1
}

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

url() {
  echo "postgres://$PG_USER:$PG_PASSWORD@127.0.0.1:$PG_PORT/$PG_DB"
}

start() {
  local bin
  bin="$(bin_dir)"
  if [ ! -f "$PG_DATA/PG_VERSION" ]; then
    mkdir -p "$PG_DATA"
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$PG_DATA"
    chmod 700 "$PG_DATA"
    local pwfile
    pwfile="$(mktemp)"
    echo "$PG_PASSWORD" >"$pwfile"
    [ "$(id -u)" -eq 0 ] && chown postgres "$pwfile"
    as_owner "$bin/initdb" -D "$PG_DATA" -U "$PG_USER" --pwfile="$pwfile" \
      --auth=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >"$PG_DATA.initdb.log" 2>&1 ||
      { cat "$PG_DATA.initdb.log" >&2; rm -f "$pwfile"; exit 1; }
    rm -f "$pwfile"
    {
      echo "listen_addresses = '127.0.0.1'"
      echo "port = $PG_PORT"
      echo "unix_socket_directories = '$PG_DATA'"
      # A throwaway server: durability is not worth the time here.
      echo "fsync = off"
      echo "synchronous_commit = off"
      echo "full_page_writes = off"
      echo "max_connections = 200"
    } | as_owner tee -a "$PG_DATA/postgresql.conf" >/dev/null
  fi
  if ! as_owner "$bin/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; then
    as_owner "$bin/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/server.log" -w -t 60 start >/dev/null
  fi
  PGPASSWORD="$PG_PASSWORD" "$bin/psql" -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'" | grep -q 1 ||
    PGPASSWORD="$PG_PASSWORD" "$bin/psql" -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d postgres -qc \
      "CREATE DATABASE $PG_DB"
  url
}

stop() {
  local bin
  bin="$(bin_dir)"
  if [ -f "$PG_DATA/PG_VERSION" ]; then
    as_owner "$bin/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$PG_DATA" "$PG_DATA.initdb.log"
}

status() {
  local bin
  bin="$(bin_dir)"
  [ -f "$PG_DATA/PG_VERSION" ] && as_owner "$bin/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1
}

restart() {
  local bin
  bin="$(bin_dir)"
  as_owner "$bin/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/server.log" -m immediate -w -t 60 restart >/dev/null
}

case "${1:-}" in
  start) start ;;
  status) status ;;
  stop) stop ;;
  url) url ;;
  restart) restart ;;
  *) echo "usage: $0 start|stop|restart|url|status" >&2; exit 2 ;;
esac
