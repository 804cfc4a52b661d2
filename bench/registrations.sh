#!/usr/bin/env bash
# Registrations per second through the gateway, end to end (Keycloak user created with its role, holder row,
# validation link and mail outbox row written), against Keycloak's admin API alone creating the same users, in one
# run, with wrk on 127.0.0.1. Writes bench/results/registrations.{txt,json}. Target: >= 0.6 of Keycloak's rate.
# Every request registers a person never seen before (bench/registrations.lua); a known NIR or e-mail would take
# the cheap "warn the owner" path. Bench users, rows and mails are removed at the end, and before the run.
source "$(dirname "${BASH_SOURCE[0]}")/../deploy/local/lib.sh"

# Both sides hash a password per request, which costs tens of milliseconds of CPU: a few connections saturate the
# two shared cores, and more would only queue.
DURATION="${BENCH_DURATION:-20s}"
ROUNDS="${BENCH_ROUNDS:-3}"
# The identity service and the gateway compile their hot paths for tens of seconds while Keycloak takes most CPU.
WARMUP="${BENCH_WARMUP:-40s}"
CONNECTIONS="${BENCH_CONNECTIONS:-4}"
THREADS="${BENCH_THREADS:-1}"
TARGET=0.6
RESULTS="$CPA_ROOT/bench/results"
LUA="$CPA_ROOT/bench/registrations.lua"
KEYCLOAK="http://localhost:$KEYCLOAK_PORT"
MAIL_API="http://127.0.0.1:$MAIL_API_PORT"
DOMAIN=bench.cpa.localhost
mkdir -p "$RESULTS"

if ! command -v wrk >/dev/null; then
  [[ $EUID -eq 0 ]] || die "wrk is missing: apt-get install wrk"
  log "installing wrk"
  apt-get update -qq >/dev/null && apt-get install -y -qq wrk >/dev/null
fi

IDENTITY_JAR="$CPA_ROOT/services/identity/target/quarkus-app/quarkus-run.jar"
GATEWAY_JAR="$CPA_ROOT/services/gateway/target/quarkus-app/quarkus-run.jar"
for jar in "$IDENTITY_JAR" "$GATEWAY_JAR"; do [[ -f "$jar" ]] || die "$jar is missing: make build"; done

# The admin API as the identity service calls it: the service account of client cpa-identity.
admin_token() {
  curl -fsS "$KEYCLOAK/realms/cpa/protocol/openid-connect/token" -d grant_type=client_credentials \
    -d client_id=cpa-identity -d "client_secret=${CPA_SECRET_CPA_IDENTITY:-cpa-identity-secret}" | jq -r .access_token
}
kc_users_count() { curl -fsS -H "Authorization: Bearer $(admin_token)" "$KEYCLOAK/admin/realms/cpa/users/count?email=$1"; }
identity_sql() { pg_psql -d cpa_identity -Atq "$@"; }

# Everything with an e-mail at the bench domain, whichever run made it.
purge_bench_data() {
  identity_sql <<SQL
DELETE FROM mail_outbox WHERE recipient LIKE '%@$DOMAIN';
DELETE FROM mail_token WHERE holder_id IN (SELECT id FROM holder WHERE email LIKE '%@$DOMAIN');
DELETE FROM holder WHERE email LIKE '%@$DOMAIN';
SQL
  local total pages token ids
  total=$(kc_users_count "$DOMAIN")
  (( total > 0 )) && log "deleting $total bench users from Keycloak"
  # Deleting shifts the pages, so page 0 is read again; the bound stops a loop on deletions that keep failing.
  for (( pages = total / 100 + 2; pages > 0; pages-- )); do
    token=$(admin_token)
    ids=$(curl -fsS -H "Authorization: Bearer $token" \
      "$KEYCLOAK/admin/realms/cpa/users?email=$DOMAIN&briefRepresentation=true&first=0&max=100" | jq -r '.[].id')
    [[ -n "$ids" ]] || break
    xargs -P4 -I{} curl -sS -o /dev/null -X DELETE -H "Authorization: Bearer $token" \
      "$KEYCLOAK/admin/realms/cpa/users/{}" <<< "$ids"
  done
  # The sink keeps every mail in memory.
  curl -fsS -o /dev/null -X POST "$MAIL_API/api/mail/purge"
}

cleanup() {
  stop_bg bench-gateway; stop_bg bench-identity
  log "removing bench data (rows, Keycloak users, mails)"
  purge_bench_data || log "bench data not fully removed; run again to finish"
  rm -f "$RESULTS"/*.tmp
}
# Checked before the trap: the cleanup would stop another bench run's processes and remove its data.
for p in 18080 18081; do port_open "$p" && die "port $p is taken; stop what uses it first"; done
trap cleanup EXIT
[[ "$(admin_token)" =~ ^ey ]] || die "no admin token for cpa-identity from Keycloak; is the stack up (make stack-up)?"
purge_bench_data

# Where this run's part of the identity log starts (start_bg appends), to show its errors if any.
ID_LOG="$CPA_LOGS/bench-identity.log"
ID_LOG_FROM=$(( $(cat "$ID_LOG" 2>/dev/null | wc -l) + 1 ))
# The mail job sends what registrations queue, after the fact and 25 mails/s at most: its backlog would spill over
# into the Keycloak rounds. It is not part of a registration, so it is held off (BENCH_IDENTITY_OPTS overrides).
start_bg bench-identity java -Xmx384m -Dquarkus.http.port=18081 -Dquarkus.log.level=WARN \
  -Dcpa.identity.mail.interval=24h ${BENCH_IDENTITY_OPTS:-} -jar "$IDENTITY_JAR"
start_bg bench-gateway java -Xmx256m -Dquarkus.http.port=18080 \
  -Dcpa.gateway.routes.identity.url=http://127.0.0.1:18081 \
  -Dcpa.gateway.rate-limit.enabled=false -Dquarkus.log.level=WARN ${BENCH_GATEWAY_OPTS:-} -jar "$GATEWAY_JAR"
wait_for bench-identity 90 curl -fsS http://127.0.0.1:18081/q/health/ready -o /dev/null
wait_for bench-gateway 60 curl -fsS http://127.0.0.1:18080/q/health/ready -o /dev/null

GATEWAY=http://127.0.0.1:18080
# Ids of this run: in every e-mail (what the checks and the cleanup select on) and the NIRs' random offset.
RUN=$(tr -d - < /proc/sys/kernel/random/uuid)
BASE=$(( (RANDOM << 30 | RANDOM << 15 | RANDOM) % 18000000000 ))
PHASE=0
G_SENT=0; G_OK=0

# wrk prints latencies with units (us, ms, s); convert to milliseconds.
ms() { awk -v v="$1" 'BEGIN { n=v+0; if (v ~ /us$/) n/=1000; else if (v ~ /ms$/) n=n; else if (v ~ /s$/) n*=1000; printf "%.3f", n }'; }
pct() { ms "$(awk -v p="$2" '$1 == p { print $2 }' "$1")"; }
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
field() { sed -n "/^bench: sent=/s/.* $1=\([^ ]*\).*/\1/p" "$RESULTS/wrk.tmp"; }

# run_wrk gateway|keycloak DURATION : one wrk run of fresh people into wrk.tmp; dies on any non-2xx or socket error.
run_wrk() {
  local mode="$1" url="$GATEWAY" token=""
  # Admin tokens live 5 minutes (accessTokenLifespan): a fresh one for each run.
  [[ $mode == keycloak ]] && { url="$KEYCLOAK"; token=$(admin_token); }
  BENCH_MODE=$mode BENCH_RUN=$RUN BENCH_PHASE=$PHASE BENCH_BASE=$BASE BENCH_TOKEN=$token \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2" --timeout 30s --latency -s "$LUA" "$url" > "$RESULTS/wrk.tmp"
  PHASE=$((PHASE + 1))
  grep -q '^bench: sent=' "$RESULTS/wrk.tmp" || { cat "$RESULTS/wrk.tmp" >&2; die "wrk did not finish its $mode run"; }
  if [[ "$(field bad)" != 0 || "$(field socket_errors)" != 0 ]]; then
    grep '^bench:' "$RESULTS/wrk.tmp" >&2
    [[ $mode == gateway ]] && { log "this run's last lines of $ID_LOG:"; tail -n "+$ID_LOG_FROM" "$ID_LOG" | tail -n 40 >&2; }
    die "$mode: $(field bad) non-2xx answers (status $(field statuses)), $(field socket_errors) socket errors"
  fi
  if [[ $mode == gateway ]]; then G_SENT=$((G_SENT + $(field sent))); G_OK=$((G_OK + $(field ok))); fi
}

log "warming up ($WARMUP through the gateway, 10s straight to Keycloak)"
run_wrk gateway "$WARMUP"
run_wrk keycloak 10s

# Rounds alternate the two sides, so drift on a shared machine touches both alike; medians are reported.
: > "$RESULTS/rounds.tmp"
for round in $(seq 1 "$ROUNDS"); do
  log "round $round/$ROUNDS ($DURATION each, $CONNECTIONS connections)"
  for target in keycloak gateway; do
    run_wrk "$target" "$DURATION"
    echo "$target $(field rps) $(pct "$RESULTS/wrk.tmp" 50%) $(pct "$RESULTS/wrk.tmp" 99%)" >> "$RESULTS/rounds.tmp"
  done
done
col() { awk -v t="$1" -v c="$2" '$1 == t { print $c }' "$RESULTS/rounds.tmp" | median; }
k_rps=$(col keycloak 2); g_rps=$(col gateway 2)
k_p50=$(col keycloak 3); g_p50=$(col gateway 3)
k_p99=$(col keycloak 4); g_p99=$(col gateway 4)
ratio=$(awk -v g="$g_rps" -v k="$k_rps" 'BEGIN { printf "%.3f", g / k }')
verdict=$(awk -v r="$ratio" -v t="$TARGET" 'BEGIN { print (r >= t) ? "MET" : "NOT MET" }')

# End to end, from the stores: one holder, one validation link, one queued validation mail and one Keycloak user
# per registration answered 202. Requests in flight when wrk stopped may still have completed: up to `sent`.
prev=-1; holders=0
for _ in $(seq 1 30); do
  holders=$(identity_sql -c "SELECT count(*) FROM holder WHERE email LIKE 'bench-$RUN-g%'")
  [[ $holders == "$prev" ]] && break
  prev=$holders; sleep 1
done
outbox=$(identity_sql -c "SELECT count(*) FROM mail_outbox WHERE recipient LIKE 'bench-$RUN-g%' AND template = 'EMAIL_VALIDATION'")
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
  echo "rounds (target req/s p50 p99):"; sed 's/^/  /' "$RESULTS/rounds.tmp"
  echo "database check, all gateway runs with warm-up: $G_OK answered 202, $G_SENT sent (those in flight when wrk"
  echo "  stopped may complete too); found $holders holders, $tokens validation links, $outbox validation mails in"
  echo "  the outbox, $kc_users Keycloak users: $check"
} | tee "$RESULTS/registrations.txt"
rounds_json=$(awk '{ printf "%s{\"target\":\"%s\",\"rps\":%s,\"p50_ms\":%s,\"p99_ms\":%s}", (NR > 1 ? "," : ""), $1, $2, $3, $4 }' "$RESULTS/rounds.tmp")
cat > "$RESULTS/registrations.json" <<JSON
{"keycloak":{"rps":$k_rps,"p50_ms":$k_p50,"p99_ms":$k_p99},"gateway":{"rps":$g_rps,"p50_ms":$g_p50,"p99_ms":$g_p99},
 "throughput_ratio":$ratio,"target":$TARGET,"verdict":"$verdict","cores":$(nproc),"connections":$CONNECTIONS,
 "duration":"$DURATION","rounds":$ROUNDS,"round_results":[$rounds_json],
 "database_check":{"answered_202":$G_OK,"sent":$G_SENT,"holders":$holders,"validation_links":$tokens,
  "outbox_validation_mails":$outbox,"keycloak_users":$kc_users,"ok":$([[ $checked == 1 ]] && echo true || echo false)}}
JSON
[[ $checked == 1 ]] || die "the stores do not hold one registration per 202 answered; see above"
