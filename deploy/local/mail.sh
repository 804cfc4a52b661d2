#!/usr/bin/env bash
# Local SMTP sink: GreenMail standalone, SMTP on 127.0.0.1:3025 accepting mail for any address,
# its REST API on 127.0.0.1:8025 (GET /api/user/{email}/messages/INBOX, POST /api/mail/purge).
# Usage: mail.sh up | down (= stop) | stop | restart | status
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
set -euo pipefail

MAIL_JAR="$CPA_DIST/greenmail-standalone-$GREENMAIL_VERSION.jar"
MAIL_LOG="$CPA_LOGS/mail.log"
MAIL_API="http://127.0.0.1:$MAIL_API_PORT"

api_ready() { curl -fsS -m 2 "$MAIL_API/api/service/readiness" >/dev/null 2>&1; }

fetch() {
  [[ -f "$MAIL_JAR" ]] && return 0
  log "mail: copying GreenMail $GREENMAIL_VERSION from the Maven cache"
  mvn_fetch -Dstyle.color=never org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
    -Dartifact="com.icegreen:greenmail-standalone:$GREENMAIL_VERSION" -DoutputDirectory="$CPA_DIST"
  [[ -f "$MAIL_JAR" ]] || die "mail: $MAIL_JAR missing after the Maven copy"
}

up() {
  fetch
  if running mail; then
    log "mail: already running (pid $(cat "$CPA_RUN/mail.pid"))"
  elif port_open "$SMTP_PORT"; then
    # Someone else's GreenMail (a test of another component, say): use it if its API answers, never kill it.
    if api_ready; then
      log "mail: port $SMTP_PORT is served by a process we did not start (pid $(port_pid "$SMTP_PORT")); its API answers, using it"
      return 0
    fi
    log "mail: port $SMTP_PORT is taken by pid $(port_pid "$SMTP_PORT") without an API on $MAIL_API_PORT; waiting for it to go"
    local deadline=$((SECONDS + 60))
    while port_open "$SMTP_PORT"; do
      (( SECONDS < deadline )) || die "mail: port $SMTP_PORT still taken by pid $(port_pid "$SMTP_PORT") after 60s; see $MAIL_LOG"
      sleep 1
    done
  fi
  if ! running mail; then
    port_open "$MAIL_API_PORT" && die "mail: port $MAIL_API_PORT is taken by pid $(port_pid "$MAIL_API_PORT"); see $MAIL_LOG"
    log "mail: starting GreenMail (log $MAIL_LOG)"
    # auth.disabled: any recipient is accepted and gets a mailbox on the fly, no users to create
    start_bg mail "$(java17)" -Xmx128m -Djava.awt.headless=true \
      -Dgreenmail.setup.test.smtp -Dgreenmail.hostname=127.0.0.1 -Dgreenmail.auth.disabled \
      -Dgreenmail.api.hostname=127.0.0.1 -Dgreenmail.api.port="$MAIL_API_PORT" \
      -jar "$MAIL_JAR"
  fi
  wait_for mail 60 port_open "$SMTP_PORT"
  wait_for mail 60 api_ready
  log "mail: up (SMTP 127.0.0.1:$SMTP_PORT, API $MAIL_API)"
}

status() {
  if running mail && port_open "$SMTP_PORT" && api_ready; then
    status_line mail up "$SMTP_PORT/$MAIL_API_PORT" "$(cat "$CPA_RUN/mail.pid")" "$MAIL_LOG"
  elif port_open "$SMTP_PORT" && api_ready; then
    status_line mail up "$SMTP_PORT/$MAIL_API_PORT" "$(port_pid "$SMTP_PORT")" "(not ours)"
  else
    status_line mail down "$SMTP_PORT/$MAIL_API_PORT" "$(port_pid "$SMTP_PORT")" "$MAIL_LOG"
    return 1
  fi
}

case "${1:-}" in
  up)         up ;;
  stop|down)  stop_bg mail ;;
  restart)    stop_bg mail; up ;;
  status)     status ;;
  *)          die "usage: $(basename "$0") up|stop|down|restart|status" ;;
esac
