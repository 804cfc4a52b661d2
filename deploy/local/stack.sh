#!/usr/bin/env bash
# The local stack without Docker. Each component is deploy/local/<component>.sh up|down|status.
# Usage: stack.sh up|down|status [component...]   (default: all, in start order; down goes in reverse)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
set -euo pipefail

HERE="$CPA_ROOT/deploy/local"
ALL=(postgres kafka mail keycloak opensearch)

usage() { die "usage: $(basename "$0") up|down|status [${ALL[*]}]"; }

component_port() {
  case "$1" in
    postgres) echo "$PG_PORT" ;;
    kafka)    echo "$KAFKA_PORT" ;;
    mail)     echo "$SMTP_PORT/$MAIL_API_PORT" ;;
    keycloak) echo "$KEYCLOAK_PORT" ;;
    opensearch) echo "$OPENSEARCH_PORT" ;;
    *)        echo "-" ;;
  esac
}

action="${1:-}"; [[ -n "$action" ]] || usage; shift
comps=("$@"); (( ${#comps[@]} )) || comps=("${ALL[@]}")
for c in "${comps[@]}"; do
  [[ " ${ALL[*]} " == *" $c "* ]] || die "unknown component '$c' (known: ${ALL[*]})"
done

case "$action" in
  up)
    for c in "${comps[@]}"; do
      if [[ -x "$HERE/$c.sh" ]]; then
        "$HERE/$c.sh" up
      else
        log "$c: $c.sh not there yet, skipped"
      fi
    done
    ;;
  down)
    for (( i=${#comps[@]}-1; i>=0; i-- )); do
      c="${comps[$i]}"
      if [[ -x "$HERE/$c.sh" ]]; then "$HERE/$c.sh" down; else log "$c: $c.sh not there yet, skipped"; fi
    done
    ;;
  status)
    rc=0
    for c in "${comps[@]}"; do
      if [[ ! -x "$HERE/$c.sh" ]]; then
        # not part of the stack yet, as in up: reported, not counted as down
        status_line "$c" n/a "$(component_port "$c")" "-" "($c.sh missing)"
      elif ! "$HERE/$c.sh" status; then
        rc=1
      fi
    done
    exit "$rc"
    ;;
  *) usage ;;
esac
