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

up() {
  local app port
  for app in $(apps); do
    if running "$app"; then log "$app already running"; continue; fi
    port="$(port_of "$app")"
    port_open "$port" && die "$app: port $port is taken by another process"
    log "starting $app on $port"
    start_bg "$app" java -Xmx384m -jar "$CPA_ROOT/services/$app/target/quarkus-app/quarkus-run.jar"
  done
  for app in $(apps); do
    port="$(port_of "$app")"
    wait_for "$app" 120 curl -fsS "http://127.0.0.1:$port/q/health/ready"
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
  Health           http://localhost:8080/q/health
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
