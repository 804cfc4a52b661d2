#!/usr/bin/env bash
# Registrations per second through the gateway, end to end (Keycloak user created with its role, holder row,
# validation link and mail outbox row written), against Keycloak's admin API alone creating the same users, in one
# run, with wrk on 127.0.0.1. Writes bench/results/registrations.{txt,json}. Target: >= 0.6 of Keycloak's rate.
# Every request registers a person never seen before (bench/registrations.lua); a known NIR or e-mail would take
# the cheap "warn the owner" path. Bench users, rows and mails are removed at the end, and before the run.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# Both sides hash a password per request, which costs tens of milliseconds of CPU: a few connections saturate the
# two shared cores, and more would only queue.
DURATION="${BENCH_DURATION:-20s}"
ROUNDS="${BENCH_ROUNDS:-3}"
# The identity service and the gateway compile their hot paths for tens of seconds while Keycloak takes most CPU.
WARMUP="${BENCH_WARMUP:-40s}"
CONNECTIONS="${BENCH_CONNECTIONS:-4}"
THREADS="${BENCH_THREADS:-1}"
TARGET=0.6
LUA="$CPA_ROOT/bench/registrations.lua"
MAIL_API="http://127.0.0.1:$MAIL_API_PORT"
DOMAIN=bench.cpa.localhost
WRK_OUT="$RESULTS/wrk.tmp"
ROUNDS_OUT="$RESULTS/rounds.tmp"

need_wrk
need_jars identity gateway

identity_sql() { pg_psql -d cpa_identity -Atq "$@"; }

# Everything with an e-mail at the bench domain, whichever run made it.
purge_bench_data() {
  identity_sql <<SQL
-- The mail outbox is the platform's table once an identity of this version migrated the database.
DO \$\$ BEGIN
  IF to_regclass('platform_mail_outbox') IS NOT NULL THEN
    DELETE FROM platform_mail_outbox WHERE recipient LIKE '%@$DOMAIN';
  END IF;
END \$\$;
DELETE FROM mail_token WHERE holder_id IN (SELECT id FROM holder WHERE email LIKE '%@$DOMAIN');
DELETE FROM holder WHERE email LIKE '%@$DOMAIN';
SQL
  purge_kc_users "$DOMAIN"
  # The sink keeps every mail in memory.
  curl -fsS -o /dev/null -X POST "$MAIL_API/api/mail/purge"
}

cleanup() {
  stop_bg bench-gateway; stop_bg bench-identity
  log "removing bench data (rows, Keycloak users, mails)"
  purge_bench_data || log "bench data not fully removed; run again to finish"
  rm -f "$RESULTS"/*.tmp
}
need_free_ports 18080 18081 "$(gateway_management_port 18080)"
trap cleanup EXIT
need_admin_token
purge_bench_data

ID_LOG_FROM=$(log_start bench-identity)
# The mail job sends what registrations queue, after the fact and 25 mails/s at most: its backlog would spill over
# into the Keycloak rounds. It is not part of a registration, so it is held off (BENCH_IDENTITY_OPTS overrides).
start_bg bench-identity java -Xmx384m -Dquarkus.http.port=18081 -Dquarkus.log.level=WARN \
  -Dcpa.mail.interval=24h ${BENCH_IDENTITY_OPTS:-} -jar "$(service_jar identity)"
start_gateway 18080 -Dcpa.gateway.routes.identity.url=http://127.0.0.1:18081
wait_ready bench-identity 90 18081
wait_gateway_ready 60 18080

GATEWAY=http://127.0.0.1:18080
# Ids of this run: in every e-mail (what the checks and the cleanup select on) and the NIRs' random offset.
RUN=$(tr -d - < /proc/sys/kernel/random/uuid)
BASE=$(( (RANDOM << 30 | RANDOM << 15 | RANDOM) % 18000000000 ))
PHASE=0
G_SENT=0; G_OK=0

# run_wrk gateway|keycloak DURATION : one wrk run of fresh people into $WRK_OUT; dies on any non-2xx or socket error.
run_wrk() {
  local mode="$1" url="$GATEWAY" token=""
  # Admin tokens live 5 minutes (accessTokenLifespan): a fresh one for each run.
  [[ $mode == keycloak ]] && { url="$KEYCLOAK"; token=$(admin_token); }
  BENCH_MODE=$mode BENCH_RUN=$RUN BENCH_PHASE=$PHASE BENCH_BASE=$BASE BENCH_TOKEN=$token \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2" --timeout 30s --latency -s "$LUA" "$url" > "$WRK_OUT"
  PHASE=$((PHASE + 1))
  if [[ $mode == gateway ]]; then
    wrk_check "$mode" bench-identity "$ID_LOG_FROM"
    G_SENT=$((G_SENT + $(field sent))); G_OK=$((G_OK + $(field ok)))
  else
    wrk_check "$mode"
  fi
}

log "warming up ($WARMUP through the gateway, 10s straight to Keycloak)"
run_wrk gateway "$WARMUP"
run_wrk keycloak 10s

measure() { run_wrk "$1" "$DURATION"; echo "$1 $(field rps) $(pct "$WRK_OUT" 50%) $(pct "$WRK_OUT" 99%)" >> "$ROUNDS_OUT"; }
rounds "$DURATION each, $CONNECTIONS connections" measure keycloak gateway
read -r k_rps k_p50 k_p99 <<< "$(medians keycloak)"
read -r g_rps g_p50 g_p99 <<< "$(medians gateway)"
ratio=$(ratio_of "$g_rps" "$k_rps")
verdict=$(awk -v r="$ratio" -v t="$TARGET" 'BEGIN { print (r >= t) ? "MET" : "NOT MET" }')

# End to end, from the stores: one holder, one validation link, one queued validation mail and one Keycloak user
# per registration answered 202. Requests in flight when wrk stopped may still have completed: up to `sent`.
prev=-1; holders=0
for _ in $(seq 1 30); do
  holders=$(identity_sql -c "SELECT count(*) FROM holder WHERE email LIKE 'bench-$RUN-g%'")
  [[ $holders == "$prev" ]] && break
  prev=$holders; sleep 1
done
outbox=$(identity_sql -c "SELECT count(*) FROM platform_mail_outbox WHERE recipient LIKE 'bench-$RUN-g%' AND template = 'EMAIL_VALIDATION'")
tokens=$(identity_sql -c "SELECT count(*) FROM mail_token t JOIN holder h ON h.id = t.holder_id
  WHERE h.email LIKE 'bench-$RUN-g%' AND t.purpose = 'EMAIL_VALIDATION'")
kc_users=$(kc_users_count "bench-$RUN-g")
checked=$(( holders >= G_OK && holders <= G_SENT && outbox == holders && tokens == holders && kc_users == holders ))
check=$([[ $checked == 1 ]] && echo OK || echo FAILED)

{
  echo "registrations — $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, wrk -t$THREADS -c$CONNECTIONS, $ROUNDS rounds of $DURATION, medians"
  echo "gateway: POST /api/identity/registrations through the gateway to the identity service, which checks the form,"
  echo "  creates the Keycloak user in the holders group with one admin call, then writes holder, link and outbox rows"
  echo "keycloak: POST /admin/realms/cpa/users straight to Keycloak with the same user (password hashed alike)"
  echo "every request is a new person; wrk, the gateway, the identity service, Keycloak and PostgreSQL share the cores"
  printf '%-10s %12s %10s %10s\n' "" "req/s" "p50 ms" "p99 ms"
  printf '%-10s %12s %10s %10s\n' keycloak "$k_rps" "$k_p50" "$k_p99"
  printf '%-10s %12s %10s %10s\n' gateway "$g_rps" "$g_p50" "$g_p99"
  echo "throughput ratio gateway/keycloak: $ratio (target >= $TARGET)"
  echo "target: $verdict"
  echo "rounds (target req/s p50 p99):"; sed 's/^/  /' "$ROUNDS_OUT"
  echo "database check, all gateway runs with warm-up: $G_OK answered 202, $G_SENT sent (those in flight when wrk"
  echo "  stopped may complete too); found $holders holders, $tokens validation links, $outbox validation mails in"
  echo "  the outbox, $kc_users Keycloak users: $check"
} | tee "$RESULTS/registrations.txt"
rounds_json=$(awk '{ printf "%s{\"target\":\"%s\",\"rps\":%s,\"p50_ms\":%s,\"p99_ms\":%s}", (NR > 1 ? "," : ""), $1, $2, $3, $4 }' "$ROUNDS_OUT")
cat > "$RESULTS/registrations.json" <<JSON
{"keycloak":{"rps":$k_rps,"p50_ms":$k_p50,"p99_ms":$k_p99},"gateway":{"rps":$g_rps,"p50_ms":$g_p50,"p99_ms":$g_p99},
 "throughput_ratio":$ratio,"target":$TARGET,"verdict":"$verdict","cores":$(nproc),"connections":$CONNECTIONS,
 "duration":"$DURATION","rounds":$ROUNDS,"round_results":[$rounds_json],
 "database_check":{"answered_202":$G_OK,"sent":$G_SENT,"holders":$holders,"validation_links":$tokens,
  "outbox_validation_mails":$outbox,"keycloak_users":$kc_users,"ok":$([[ $checked == 1 ]] && echo true || echo false)}}
JSON
[[ $checked == 1 ]] || die "the stores do not hold one registration per 202 answered; see above"
