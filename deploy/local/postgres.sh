#!/usr/bin/env bash
# PostgreSQL is the machine's, not ours: up starts the Debian cluster if it is stopped (installing
# PostgreSQL first on a bare machine when we are root), then creates the databases of databases.conf
# and the extensions of extensions.conf.
# down leaves it running.
# Usage: postgres.sh up | down | status
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
set -euo pipefail

HERE="$CPA_ROOT/deploy/local"

# Highest installed major version that has a cluster configured, decided at run time.
pg_version() {
  local d best=""
  for d in /etc/postgresql/*/main/postgresql.conf; do
    [[ -f "$d" ]] || continue
    d="${d#/etc/postgresql/}"; d="${d%%/*}"
    best="$(printf '%s\n%s\n' "$best" "$d" | sed '/^$/d' | sort -V | tail -n1)"
  done
  echo "$best"
}

# Highest installed server binaries, for a machine with PostgreSQL installed but no cluster.
pg_bin_version() { ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -n1; }

pg_ready() { pg_isready -q -h "$PG_HOST" -p "$PG_PORT"; }

pg_log_file() {
  local v; v="$(pg_version)"
  if [[ -n "$v" ]]; then echo "/var/log/postgresql/postgresql-$v-main.log"; else echo "-"; fi
}

install_postgres() {
  if command -v apt-get >/dev/null && [[ "$(id -u)" == 0 ]]; then
    log "postgres: not installed; installing it with apt-get (one-off)"
    apt-get update -q >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2
  else
    die "postgres: PostgreSQL is not installed and this script can only install it as root with apt-get; install PostgreSQL and make it listen on $PG_HOST:$PG_PORT"
  fi
}

up() {
  if ! pg_ready 2>/dev/null; then
    if ! command -v pg_ctlcluster >/dev/null || [[ -z "$(pg_version)" && -z "$(pg_bin_version)" ]]; then
      install_postgres
    fi
    local v; v="$(pg_version)"
    if [[ -z "$v" ]]; then
      v="$(pg_bin_version)"
      [[ -n "$v" ]] || die "postgres: no PostgreSQL server binaries under /usr/lib/postgresql"
      log "postgres: creating cluster $v/main on port $PG_PORT"
      pg_createcluster --port "$PG_PORT" "$v" main >&2
    fi
    # installing may have started it already (where services start on install)
    if ! pg_ready 2>/dev/null; then
      [[ "$(id -u)" == 0 ]] || die "postgres: not running on $PG_HOST:$PG_PORT and starting it needs root; run: pg_ctlcluster $v main start"
      log "postgres: starting cluster $v/main"
      pg_ctlcluster --skip-systemctl-redirect "$v" main start >&2 \
        || die "postgres: pg_ctlcluster $v main start failed; see $(pg_log_file)"
    fi
    local deadline=$((SECONDS + 60))
    until pg_ready; do
      (( SECONDS < deadline )) || die "postgres: not ready on $PG_HOST:$PG_PORT after 60s; see $(pg_log_file)"
      sleep 1
    done
  fi
  local db n=0
  while read -r db; do
    db="${db%%#*}"; db="${db//[[:space:]]/}"
    [[ -n "$db" ]] || continue
    pg_ensure_db "$db" || die "postgres: could not create database $db; see $(pg_log_file)"
    n=$((n + 1))
  done < "$HERE/databases.conf"
  local ext
  while read -r db ext; do
    db="${db%%#*}"
    [[ -n "$db" && -n "$ext" ]] || continue
    pg_ensure_extension "$db" "$ext" || die "postgres: could not create extension $ext in $db; see $(pg_log_file)"
  done < "$HERE/extensions.conf"
  log "postgres: up on $PG_HOST:$PG_PORT, $n databases ensured"
}

status() {
  if pg_ready 2>/dev/null; then
    status_line postgres up "$PG_PORT" "$(port_pid "$PG_PORT")" "$(pg_log_file)"
  else
    status_line postgres down "$PG_PORT" "-" "$(pg_log_file)"
    return 1
  fi
}

case "${1:-}" in
  up)     up ;;
  down)   log "postgres: left running (it is the machine's service, not the stack's)" ;;
  status) status ;;
  *)      die "usage: $(basename "$0") up|down|status" ;;
esac
