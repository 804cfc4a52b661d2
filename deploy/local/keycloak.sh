#!/usr/bin/env bash
# Keycloak for the local stack, in production mode (optimized build), storing in PostgreSQL.
# Usage: keycloak.sh up|down|status
#   up      fetch + unpack the distribution if missing, build once, (re)import the realms of
#           deploy/keycloak/*.json when they changed, start, wait until ready. Idempotent. With
#           CPA_PROFILE=local (the default) the development overlay deploy/keycloak/dev/ is added: the
#           FranceConnect simulator realm and, in realm cpa, the test and demo clients and users. With
#           CPA_PROFILE=prod it is not, and the admin, database and client secrets must come from the
#           environment (the development defaults are refused).
#   down    stop the server.
#   status  one line; exit 0 when running and ready.
# Environment (all optional locally): KC_BOOTSTRAP_ADMIN_USERNAME/PASSWORD (admin/admin), CPA_KEYCLOAK_DB_PASSWORD
# (keycloak), KC_HEAP (JVM heap options), KC_READY_TIMEOUT (240 s), and the CPA_* variables the realm files use
# (see deploy/keycloak/README.md).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
unset QUARKUS_PROFILE  # the services' profiles, not Keycloak's (itself a Quarkus application)

KC_NAME=keycloak
KC_HOME="$CPA_DIST/keycloak-$KEYCLOAK_VERSION"
KC_STATE="$CPA_DATA/keycloak"
KC_REALM_SRC="$CPA_ROOT/deploy/keycloak"
KC_DEV_SRC="$KC_REALM_SRC/dev"
# Not realms: the clients, then the users, added to realm cpa by the admin API's partial import (local profile
# only), in that order: users overwrite the service-account users Keycloak makes with each client, to give them roles.
KC_DEV_OVERLAY=("$KC_DEV_SRC/cpa-dev-clients.partial.json" "$KC_DEV_SRC/cpa-dev-users.partial.json")
KC_URL="http://127.0.0.1:$KEYCLOAK_PORT"
KC_MGMT_URL="http://127.0.0.1:$KEYCLOAK_MGMT_PORT"
KC_READY_TIMEOUT="${KC_READY_TIMEOUT:-240}"
# Build-time options: changing them requires a new `kc.sh build` (tracked by a stamp file).
KC_BUILD_OPTS=(--db=postgres --health-enabled=true --metrics-enabled=true)

if [[ "$CPA_PROFILE" == prod ]]; then
  # Production never starts on the development secrets: each must be given, and not as its local default.
  for secret in KC_BOOTSTRAP_ADMIN_PASSWORD:admin CPA_KEYCLOAK_DB_PASSWORD:keycloak \
      CPA_SECRET_CPA_IDENTITY:cpa-identity-secret CPA_SECRET_CPA_BROKER:cpa-broker-secret; do
    name="${secret%%:*}"
    [[ -n "${!name:-}" && "${!name}" != "${secret#*:}" ]] || die "CPA_PROFILE=prod: set $name (not its development default)"
  done
fi
export KC_BOOTSTRAP_ADMIN_USERNAME="${KC_BOOTSTRAP_ADMIN_USERNAME:-admin}"
export KC_BOOTSTRAP_ADMIN_PASSWORD="${KC_BOOTSTRAP_ADMIN_PASSWORD:-admin}"
# Run-time options shared by `start` and `import`, as Keycloak's own environment variables.
export KC_DB_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/keycloak"
export KC_DB_USERNAME=keycloak
export KC_DB_PASSWORD="${CPA_KEYCLOAK_DB_PASSWORD:-keycloak}"
export KC_LOG_CONSOLE_COLOR=false
# A single node: no JGroups cluster (no port 7800, no discovery through the database).
export KC_CACHE=local
export JAVA_OPTS_KC_HEAP="${KC_HEAP:--Xms256m -Xmx768m}"

# A JDK >= 17: JAVA_HOME, else the default java, else the newest one under /usr/lib/jvm.
kc_java_home() {
  local j v
  for j in "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java || true)" $(ls -d /usr/lib/jvm/*/bin/java 2>/dev/null | sort -rV); do
    [[ -n "$j" && -x "$j" ]] || continue
    v="$("$j" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
    if [[ "${v%%.*}" =~ ^[0-9]+$ ]] && (( ${v%%.*} >= 17 )); then
      dirname "$(dirname "$(readlink -f "$j")")"
      return 0
    fi
  done
  die "no JDK 17 or newer found"
}

kc_install() {
  [[ -x "$KC_HOME/bin/kc.sh" ]] && return 0
  log "unpacking Keycloak $KEYCLOAK_VERSION"
  local tmp="$CPA_DIST/.keycloak-download"
  rm -rf "$tmp" && mkdir -p "$tmp"
  mvn_fetch dependency:copy "-Dartifact=org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip" "-DoutputDirectory=$tmp"
  if command -v unzip >/dev/null; then
    unzip -q "$tmp/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip" -d "$tmp"
  else  # the JDK's jar tool does not keep the executable bits
    (cd "$tmp" && "$JAVA_HOME/bin/jar" xf "keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip")
    chmod +x "$tmp/keycloak-$KEYCLOAK_VERSION"/bin/*.sh
  fi
  mv "$tmp/keycloak-$KEYCLOAK_VERSION" "$KC_HOME"
  rm -rf "$tmp"
}

kc_build() {
  local stamp="$KC_HOME/.cpa-build-options" want="${KC_BUILD_OPTS[*]}"
  [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]] && return 0
  log "building Keycloak ($want)"
  "$KC_HOME/bin/kc.sh" build "${KC_BUILD_OPTS[@]}" >>"$CPA_LOGS/$KC_NAME.log" 2>&1 \
    || { tail -n 30 "$CPA_LOGS/$KC_NAME.log" >&2; die "kc.sh build failed"; }
  echo "$want" > "$stamp"
}

# The whole realm files of the profile: production's, and locally the FranceConnect simulator's.
kc_realm_files() {
  ls "$KC_REALM_SRC"/*.json
  [[ "$CPA_PROFILE" == prod ]] || ls "$KC_DEV_SRC"/*-realm.json
}

# Everything imported in this profile: realm files and, locally, the overlay.
kc_import_files() {
  kc_realm_files
  [[ "$CPA_PROFILE" == prod ]] || printf '%s\n' "${KC_DEV_OVERLAY[@]}"
}

# Checksum of what is imported and of the environment variables it uses, so that changing
# either re-imports the realms.
kc_realms_sum() {
  local vars v files
  files="$(kc_import_files)"
  # shellcheck disable=SC2086
  vars="$(grep -oh '\${CPA_[A-Z0-9_]*' $files | sed 's/^\${//' | sort -u)"
  {
    echo "$CPA_PROFILE"
    # shellcheck disable=SC2086
    cat $files
    for v in $vars; do printf '%s=%s\n' "$v" "${!v:-}"; done
  } | sha256sum | cut -d' ' -f1
}

kc_realm_names() {
  # shellcheck disable=SC2046
  sed -n 's/^  "realm" *: *"\([^"]*\)".*/\1/p' $(kc_realm_files)
}

# Adds the development overlay's clients and users to realm cpa through the admin API's partial import.
kc_apply_overlay() {
  [[ "$CPA_PROFILE" == prod ]] && return 0
  local token part
  token="$(curl -fsS "$KC_URL/realms/master/protocol/openid-connect/token" -d client_id=admin-cli \
      -d grant_type=password --data-urlencode "username=$KC_BOOTSTRAP_ADMIN_USERNAME" \
      --data-urlencode "password=$KC_BOOTSTRAP_ADMIN_PASSWORD" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')"
  [[ -n "$token" ]] || die "no admin token from Keycloak to add the development overlay"
  for part in "${KC_DEV_OVERLAY[@]}"; do
    # The admin API does not expand ${CPA_X:default} as the realm import does: expanded here the same way.
    perl -pe 's/\$\{(CPA_[A-Z0-9_]+):([^}]*)\}/exists $ENV{$1} ? $ENV{$1} : $2/ge' "$part" \
      | curl -fsS -o /dev/null -X POST "$KC_URL/admin/realms/cpa/partialImport" \
          -H "Authorization: Bearer $token" -H 'Content-Type: application/json' --data-binary @- \
      || die "adding the development overlay ($(basename "$part")) failed"
  done
  log "development overlay added to realm cpa: test and demo clients and users"
}

# How many of our realms are already in the database (0 on a fresh database).
kc_realms_in_db() {
  local names
  names="$(kc_realm_names | sed "s/.*/'&'/" | paste -sd,)"
  pg_psql -d keycloak -Atqc "select count(*) from realm where name in ($names)" 2>/dev/null || echo 0
}

kc_ready() {
  curl -fsS -o /dev/null "$KC_MGMT_URL/health/ready" || return 1
  local r
  for r in $(kc_realm_names); do
    curl -fsS -o /dev/null "$KC_URL/realms/$r/.well-known/openid-configuration" || return 1
  done
}

kc_up() {
  mkdir -p "$KC_STATE"
  local sum stamp="$KC_STATE/realms.sha256"
  sum="$(kc_realms_sum)"
  if running "$KC_NAME"; then
    if [[ -f "$stamp" && "$(cat "$stamp")" == "$sum" ]]; then
      wait_for "$KC_NAME" "$KC_READY_TIMEOUT" kc_ready
      log "keycloak already running on $KC_URL"
      return 0
    fi
    log "realm files changed: restarting Keycloak to re-import them"
    stop_bg "$KC_NAME"
  elif port_open "$KEYCLOAK_PORT"; then
    die "port $KEYCLOAK_PORT is in use by a process this script did not start"
  fi

  local jh
  jh="$(kc_java_home)"
  export JAVA_HOME="$jh"
  kc_install
  kc_build
  pg_ensure_db keycloak

  # import-realm only creates missing realms; realms that exist from an older version of the
  # files are overwritten first by the offline import command.
  local import_dir="$KC_HOME/data/import"
  rm -rf "$import_dir" && mkdir -p "$import_dir"
  # shellcheck disable=SC2046
  cp $(kc_realm_files) "$import_dir/"
  local overlay=no
  [[ "$(kc_realms_in_db)" == 0 || ! -f "$stamp" || "$(cat "$stamp")" != "$sum" ]] && overlay=yes
  if [[ "$(kc_realms_in_db)" != 0 && ( ! -f "$stamp" || "$(cat "$stamp")" != "$sum" ) ]]; then
    log "re-importing realms: $(kc_realm_names | paste -sd' ')"
    "$KC_HOME/bin/kc.sh" import --optimized --dir "$import_dir" --override true >>"$CPA_LOGS/$KC_NAME.log" 2>&1 \
      || { tail -n 30 "$CPA_LOGS/$KC_NAME.log" >&2; die "realm import failed"; }
  fi

  log "starting Keycloak on $KC_URL (JDK $jh)"
  # The jboss-logging event listener logs failed logins at WARN with the username typed, which for holders is
  # their NIR: its error events go to DEBUG, below the log level, so no NIR reaches the log.
  start_bg "$KC_NAME" "$KC_HOME/bin/kc.sh" start --optimized \
    --http-enabled=true --http-host=127.0.0.1 --http-port="$KEYCLOAK_PORT" \
    --http-management-port="$KEYCLOAK_MGMT_PORT" \
    --hostname="http://$CPA_HOST:$KEYCLOAK_PORT" \
    --spi-events-listener--jboss-logging--error-level=debug \
    --import-realm 9>&-  # the server must not inherit the lock
  wait_for "$KC_NAME" "$KC_READY_TIMEOUT" kc_ready
  [[ "$overlay" == yes ]] && kc_apply_overlay
  echo "$sum" > "$stamp"
  log "keycloak ready: $KC_URL (issuer http://$CPA_HOST:$KEYCLOAK_PORT/realms/cpa)"
}

kc_status() {
  local log="$CPA_LOGS/$KC_NAME.log" port="$KEYCLOAK_PORT/$KEYCLOAK_MGMT_PORT"
  if running "$KC_NAME" && kc_ready; then
    status_line keycloak up "$port" "$(cat "$CPA_RUN/$KC_NAME.pid")" "$log"
  elif running "$KC_NAME"; then
    status_line keycloak down "$port" "$(cat "$CPA_RUN/$KC_NAME.pid")" "$log (not ready)"; return 1
  elif port_open "$KEYCLOAK_PORT"; then
    status_line keycloak up "$port" "$(port_pid "$KEYCLOAK_PORT")" "(not ours)"; return 1
  else
    status_line keycloak down "$port" - "$log"; return 1
  fi
}

# Serialise concurrent up/down calls (stack.sh and a developer may both run them).
kc_lock() {
  exec 9>"$CPA_RUN/$KC_NAME.lock"
  flock -w 300 9 || die "another keycloak.sh is still running"
}

case "${1:-}" in
  up) kc_lock; kc_up ;;
  down) kc_lock; stop_bg "$KC_NAME" ;;
  status) kc_status ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
