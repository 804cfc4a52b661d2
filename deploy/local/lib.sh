#!/usr/bin/env bash
# Shared helpers for the local stack scripts. Sourced, never run.
# Everything the stack writes lives under $CPA_LOCAL (default: <repo>/.local):
#   dist/  unpacked distributions (re-created from the Maven cache, so offline after the first run)
#   data/  service data (Kafka log dirs, ...)
#   logs/  one log file per process
#   run/   one pid file per process
set -euo pipefail

CPA_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CPA_LOCAL="${CPA_LOCAL:-$CPA_ROOT/.local}"
CPA_DIST="$CPA_LOCAL/dist"
CPA_DATA="$CPA_LOCAL/data"
CPA_LOGS="$CPA_LOCAL/logs"
CPA_RUN="$CPA_LOCAL/run"
mkdir -p "$CPA_DIST" "$CPA_DATA" "$CPA_LOGS" "$CPA_RUN"

# Versions of the distributions, all taken from Maven Central.
KAFKA_VERSION="${KAFKA_VERSION:-4.4.0}"
KEYCLOAK_VERSION="${KEYCLOAK_VERSION:-26.7.3}"
GREENMAIL_VERSION="${GREENMAIL_VERSION:-2.1.13}"
# The last OpenSearch line that runs on Java 17; its French analysis filters come from the analysis-common module.
OPENSEARCH_VERSION="${OPENSEARCH_VERSION:-2.19.6}"

# local (the default): the development overlay of the realm and the development secrets; prod: neither, every
# secret from the environment (deploy/keycloak/README.md, docs/security.md).
CPA_PROFILE="${CPA_PROFILE:-local}"
# The services' Quarkus profiles: production's settings, plus locally the leave to run on development secrets
# (platform/web DevelopmentSecrets refuses them under prod alone).
if [[ "$CPA_PROFILE" == prod ]]; then export QUARKUS_PROFILE=prod; else export QUARKUS_PROFILE=prod,local; fi

# One host name everywhere: the token issuer follows it.
CPA_HOST="${CPA_HOST:-localhost}"
PG_HOST=127.0.0.1
PG_PORT=5432
KAFKA_PORT=9092
KAFKA_CONTROLLER_PORT=9093
KEYCLOAK_PORT=8180
KEYCLOAK_MGMT_PORT=9180
SMTP_PORT=3025
MAIL_API_PORT=8025
OPENSEARCH_PORT=9200
OPENSEARCH_TRANSPORT_PORT=9300

log()  { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die()  { printf '[%s] ERROR: %s\n' "$(date +%H:%M:%S)" "$*" >&2; exit 1; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# wait_for NAME SECONDS CHECK-COMMAND... : polls until the check succeeds, or fails naming the log to read.
wait_for() {
  local name="$1" secs="$2"; shift 2
  local deadline=$((SECONDS + secs))
  until "$@" >/dev/null 2>&1; do
    if (( SECONDS >= deadline )); then
      die "$name not ready after ${secs}s; see $CPA_LOGS/$name.log"
    fi
    if [[ -f "$CPA_RUN/$name.pid" ]] && ! kill -0 "$(cat "$CPA_RUN/$name.pid")" 2>/dev/null; then
      tail -n 40 "$CPA_LOGS/$name.log" >&2 || true
      die "$name exited during start-up; see $CPA_LOGS/$name.log"
    fi
    sleep 1
  done
}

running() { [[ -f "$CPA_RUN/$1.pid" ]] && kill -0 "$(cat "$CPA_RUN/$1.pid")" 2>/dev/null; }

# start_bg NAME COMMAND... : runs a process detached from the terminal, logging to logs/NAME.log.
start_bg() {
  local name="$1"; shift
  nohup setsid "$@" >>"$CPA_LOGS/$name.log" 2>&1 < /dev/null &
  echo $! > "$CPA_RUN/$name.pid"
}

stop_bg() {
  local name="$1" pid
  if running "$name"; then
    pid="$(cat "$CPA_RUN/$name.pid")"
    log "stopping $name (pid $pid)"
    kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -9 -- "-$pid" 2>/dev/null || kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$CPA_RUN/$name.pid"
}

# Maven fetches distributions into the local repository, which is the download cache:
# once an artifact is there, -o (offline) is enough.
mvn_fetch() {
  local args=(-B -q "$@")
  mvn -o "${args[@]}" >/dev/null 2>&1 || mvn "${args[@]}"
}

java17() {
  if [[ -n "${JAVA_HOME:-}" ]]; then echo "$JAVA_HOME/bin/java"; else command -v java; fi
}

# psql as the postgres superuser: over TCP where trust allows it, else through the local socket
# (some machines require a password on 127.0.0.1 but trust the socket for the postgres user).
pg_psql() {
  if psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -Atqc 'select 1' >/dev/null 2>&1; then
    psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 "$@"
  else
    runuser -u postgres -- psql -p "$PG_PORT" -v ON_ERROR_STOP=1 "$@"
  fi
}

# pg_ensure_db NAME : a role NAME (password NAME, local development only) owning a database NAME. Idempotent.
pg_ensure_db() {
  local name="$1"
  pg_psql -Atq -d postgres <<SQL
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', '$name', '$name')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$name') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', '$name', '$name')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '$name') \gexec
SQL
}

# pg_ensure_extension DATABASE EXTENSION : the extension in the database, created as superuser. Idempotent.
pg_ensure_extension() {
  pg_psql -Atq -d "$1" -c "CREATE EXTENSION IF NOT EXISTS \"$2\""
}

# status_line NAME STATE PORT PID LOG : the one-line status format shared by stack.sh and the component scripts.
status_line() { printf '%-10s %-5s port %-10s pid %-8s log %s\n' "$1" "$2" "$3" "${4:--}" "${5:--}"; }

# port_pid PORT : pid of the process listening on 127.0.0.1:PORT, if any (for processes we did not start).
port_pid() { ss -Hltnp "sport = :$1" 2>/dev/null | grep -o 'pid=[0-9]*' | head -n1 | cut -d= -f2; }
