#!/usr/bin/env bash
# The platform's own Quarkus applications (every services/<name> that has been built), run as local processes.
# Usage: apps.sh up|down|status|banner
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

apps() {
  local dir
  for dir in "$CPA_ROOT"/services/*/; do
    [[ -f "$dir/target/quarkus-app/quarkus-run.jar" ]] && basename "$dir"
  done
  return 0
}

port_of() {
  sed -n 's/^quarkus\.http\.port=//p' "$CPA_ROOT/services/$1/src/main/resources/application.properties" | head -1
}

# The port of /q/health and /q/metrics: the management interface's when the app has one (the gateway), else its HTTP
# port.
health_port_of() {
  local config="$CPA_ROOT/services/$1/src/main/resources/application.properties"
  if grep -q '^quarkus\.management\.enabled=true' "$config"; then
    sed -n 's/^quarkus\.management\.port=//p' "$config" | head -1
  else
    port_of "$1"
  fi
}

up() {
  local app port
  for app in $(apps); do
    if running "$app"; then log "$app already running"; continue; fi
    port="$(port_of "$app")"
    port_open "$port" && die "$app: port $port is taken by another process"
    port_open "$(health_port_of "$app")" && die "$app: port $(health_port_of "$app") is taken by another process"
    log "starting $app on $port"
    start_bg "$app" java -Xmx384m -jar "$CPA_ROOT/services/$app/target/quarkus-app/quarkus-run.jar"
  done
  for app in $(apps); do
    port="$(port_of "$app")"
    wait_for "$app" 120 curl -fsS "http://127.0.0.1:$(health_port_of "$app")/q/health/ready"
    log "$app ready on http://127.0.0.1:$port"
  done
}

down() {
  local app
  for app in $(apps); do stop_bg "$app"; done
}

status() {
  local app rc=0
  for app in $(apps); do
    if running "$app"; then echo "$app up (pid $(cat "$CPA_RUN/$app.pid"), port $(port_of "$app"), log $CPA_LOGS/$app.log)"
    else echo "$app down"; rc=1; fi
  done
  return $rc
}

banner() {
  cat <<TXT

cpa-platform is running.
  API gateway      http://localhost:8080/api/{service}/...
  Swagger UI       http://localhost:8080/q/swagger-ui   (aggregated document: http://localhost:8080/openapi)
  Health, metrics  http://127.0.0.1:9080/q/health, /q/metrics   (gateway's management port, this host only)
  Keycloak         http://localhost:$KEYCLOAK_PORT/admin   (admin / admin, local only)
  Mail (sink API)  http://127.0.0.1:$MAIL_API_PORT/api/user/{address}/messages/INBOX
  Logs             $CPA_LOGS
Demo logins: deploy/keycloak/README.md. A token and a first call: README.md, "Calling the API".
Stop everything with: make stop
TXT
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  banner) banner ;;
  *) die "usage: $(basename "$0") up|down|status|banner" ;;
esac
