#!/usr/bin/env bash
# Shared helpers of the bench scripts, on top of the local stack's ones. Sourced, never run.
source "$(dirname "${BASH_SOURCE[0]}")/../deploy/local/lib.sh"

RESULTS="$CPA_ROOT/bench/results"
KEYCLOAK="http://localhost:$KEYCLOAK_PORT"
mkdir -p "$RESULTS"

need_wrk() {
  command -v wrk >/dev/null && return
  [[ $EUID -eq 0 ]] || die "wrk is missing: apt-get install wrk"
  log "installing wrk"
  apt-get update -qq >/dev/null && apt-get install -y -qq wrk >/dev/null
}

# service_jar NAME : where `make build` packages services/NAME.
service_jar() { echo "$CPA_ROOT/services/$1/target/quarkus-app/quarkus-run.jar"; }
need_jars() {
  local name
  for name in "$@"; do [[ -f "$(service_jar "$name")" ]] || die "$(service_jar "$name") is missing: make build"; done
}

# Checked before a script sets its cleanup trap: the cleanup would stop another bench run's processes and remove its
# data.
need_free_ports() {
  local port
  for port in "$@"; do port_open "$port" && die "port $port is taken; stop what uses it first"; done
  return 0
}

# gateway_management_port PORT : where the bench gateway started on PORT serves /q/health and /q/metrics (PORT + 1000,
# so that it never meets the running gateway's 9080).
gateway_management_port() { echo $(( $1 + 1000 )); }

# start_gateway PORT OPTION... : the gateway as bench-gateway, with the routes the options give and no rate limit.
start_gateway() {
  local port="$1"; shift
  start_bg bench-gateway java -Xmx256m -Dquarkus.http.port="$port" \
    -Dquarkus.management.port="$(gateway_management_port "$port")" "$@" \
    -Dcpa.gateway.rate-limit.enabled=false -Dquarkus.log.level=WARN ${BENCH_GATEWAY_OPTS:-} -jar "$(service_jar gateway)"
}

# wait_ready NAME SECONDS PORT : until the Quarkus service started as NAME on PORT is ready.
wait_ready() { wait_for "$1" "$2" curl -fsS "http://127.0.0.1:$3/q/health/ready" -o /dev/null; }
# wait_gateway_ready SECONDS PORT : until the bench gateway started on PORT is ready (on its management port).
wait_gateway_ready() { wait_ready bench-gateway "$1" "$(gateway_management_port "$2")"; }

# log_start NAME : the first line of this run's part of logs/NAME.log (start_bg appends), to show its errors if any.
log_start() { touch "$CPA_LOGS/$1.log"; echo $(( $(wc -l < "$CPA_LOGS/$1.log") + 1 )); }

# client_token CLIENT : an access token of CLIENT's service account; its secret is CPA_SECRET_<CLIENT> (upper case,
# - as _), else the local stack's `<client>-secret`.
client_token() {
  local var="CPA_SECRET_$(tr 'a-z-' 'A-Z_' <<< "$1")"
  curl -fsS "$KEYCLOAK/realms/cpa/protocol/openid-connect/token" -d grant_type=client_credentials \
    -d "client_id=$1" -d "client_secret=${!var:-$1-secret}" | jq -r .access_token
}
# The admin API as the identity service calls it: the service account of client cpa-identity.
admin_token() { client_token cpa-identity; }
need_admin_token() {
  [[ "$(admin_token)" =~ ^ey ]] || die "no admin token for cpa-identity from Keycloak; is the stack up (make stack-up)?"
}
kc_users_count() { curl -fsS -H "Authorization: Bearer $(admin_token)" "$KEYCLOAK/admin/realms/cpa/users/count?email=$1"; }

# purge_kc_users DOMAIN : deletes every Keycloak user with an e-mail at DOMAIN, whichever run made it.
purge_kc_users() {
  local domain="$1" total pages token ids
  total=$(kc_users_count "$domain")
  (( total > 0 )) && log "deleting $total bench users from Keycloak"
  # Deleting shifts the pages, so page 0 is read again; the bound stops a loop on deletions that keep failing.
  for (( pages = total / 100 + 2; pages > 0; pages-- )); do
    token=$(admin_token)
    ids=$(curl -fsS -H "Authorization: Bearer $token" \
      "$KEYCLOAK/admin/realms/cpa/users?email=$domain&briefRepresentation=true&first=0&max=100" | jq -r '.[].id')
    [[ -n "$ids" ]] || break
    xargs -P4 -I{} curl -sS -o /dev/null -X DELETE -H "Authorization: Bearer $token" \
      "$KEYCLOAK/admin/realms/cpa/users/{}" <<< "$ids"
  done
}

# create_kc_holders PREFIX DOMAIN PASSWORD COUNT : COUNT Keycloak users PREFIX-001… (e-mail at DOMAIN) in group
# `holders` (which carries the role holder), e-mail verified. Their password is given already hashed, with one round of
# PBKDF2: Keycloak hashing each one at creation, then again at the first login, would cost a minute of the shared cores
# (it rehashes with the realm's own algorithm at that login).
create_kc_holders() {
  local prefix="$1" domain="$2" password="$3" count="$4" salt hash credential token created
  log "creating $count bench holders in Keycloak"
  salt=$(head -c 16 /dev/urandom | base64)
  # PBKDF2-HMAC-SHA256 with one iteration and a 32-byte key is HMAC(password, salt || INT(1)).
  hash=$( { base64 -d <<< "$salt"; printf '\0\0\0\1'; } | openssl dgst -sha256 -mac HMAC -macopt "key:$password" -binary | base64)
  credential=$(jq -nc --arg value "$hash" --arg salt "$salt" '{type: "password",
    secretData: ({value: $value, salt: $salt, additionalParameters: {}} | tojson),
    credentialData: ({hashIterations: 1, algorithm: "pbkdf2-sha256", additionalParameters: {}} | tojson)}')
  token=$(admin_token)
  created=$(seq -w 1 "$count" | xargs -P4 -I@N@ curl -sS -o /dev/null -w '%{http_code}\n' -X POST \
    -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "$KEYCLOAK/admin/realms/cpa/users" \
    -d "{\"username\":\"$prefix-@N@\",\"email\":\"$prefix-@N@@$domain\",\"firstName\":\"Camille\",
      \"lastName\":\"Banc\",\"enabled\":true,\"emailVerified\":true,\"groups\":[\"holders\"],\"credentials\":[$credential]}" \
    | grep -c '^201$' || true)
  (( created == count )) || die "Keycloak created $created of the $count bench holders"
}

# login_holders PREFIX PASSWORD COUNT DIR : the access tokens of PREFIX-001… in DIR/tokens, one a line in the users'
# order, and their subjects (the holder ids) in DIR/holders; as the tests get them (platform/testing Tokens): password
# grant of the test-only client.
login_holders() {
  local prefix="$1" password="$2" count="$3" dir="$4" n
  log "logging the $count bench holders in"
  seq -w 1 "$count" | xargs -P4 -I@N@ curl -sS -o "$dir/login.@N@.json" \
    "$KEYCLOAK/realms/cpa/protocol/openid-connect/token" -d grant_type=password -d client_id=cpa-tests \
    -d "client_secret=${CPA_SECRET_CPA_TESTS:-cpa-tests-secret}" -d "username=$prefix-@N@" \
    -d "password=$password" -d scope=openid || true
  : > "$dir/tokens"
  for n in $(seq -w 1 "$count"); do
    jq -r '.access_token // empty' "$dir/login.$n.json" 2>/dev/null >> "$dir/tokens" || true
  done
  (( $(grep -c . "$dir/tokens") == count )) || die "Keycloak gave $(grep -c . "$dir/tokens") tokens of $count"
  token_claims "$dir/tokens" | jq -r .sub > "$dir/holders"
  (( $(sort -u "$dir/holders" | grep -c .) == count )) || die "the tokens do not name $count distinct holders"
}
# token_claims FILE : the claims of each token of FILE (one a line), as JSON objects.
token_claims() { jq -R 'split(".")[1] | gsub("-"; "+") | gsub("_"; "/") | @base64d | fromjson' "$1"; }
# tokens_last FILE SECONDS : dies unless every token of FILE is valid SECONDS more (accessTokenLifespan is 5 minutes in
# the realm: every request must go out before they expire).
tokens_last() {
  local expires
  expires=$(token_claims "$1" | jq -s 'map(.exp) | min')
  (( expires - $(date +%s) > $2 )) || die "the tokens expire in $(( expires - $(date +%s) ))s, the run takes ${2}s; shorten it"
}

# pgbench_run OUT ARGS... : pgbench with ARGS (duration or transactions, connection, clients, scripts, database), its
# output in OUT and its per-transaction log in OUT.log.*; dies if it fails.
pgbench_run() {
  local out="$1"; shift
  rm -f "$out".log.*
  pgbench -n -l --log-prefix="$out.log" "$@" > "$out" 2>&1 || { cat "$out" >&2; die "pgbench failed"; }
}
# pgbench_tps OUT : transactions per second of the pgbench run whose output is OUT.
pgbench_tps() { awk '/^tps = / { printf "%.2f", $3 }' "$1"; }
# pgbench_pct OUT P : the P-th percentile of that run's transaction latencies (third field of its log, in
# microseconds), in ms.
pgbench_pct() {
  cat "$1".log.* | awk '{ print $3 }' | sort -n \
    | awk -v p="$2" '{ v[NR] = $1 } END { i = int(NR * p / 100); if (i < NR * p / 100) i++; printf "%.3f", v[i] / 1000 }'
}

# wrk prints latencies with units (us, ms, s); convert to milliseconds.
ms() { awk -v v="$1" 'BEGIN { n=v+0; if (v ~ /us$/) n/=1000; else if (v ~ /ms$/) n=n; else if (v ~ /s$/) n*=1000; printf "%.3f", n }'; }
# pct FILE P : the P percentile (50%, 99%...) of the wrk --latency output in FILE, in milliseconds.
pct() { ms "$(awk -v p="$2" '$1 == p { print $2 }' "$1")"; }
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# rounds WHAT MEASURE SIDE... : $ROUNDS rounds of `MEASURE SIDE` for each SIDE in turn, MEASURE adding SIDE's line to
# $ROUNDS_OUT (the side, then its figures); WHAT, for the log, says what a round runs. Rounds alternate the sides, so
# drift on a shared machine touches them alike; medians are reported.
rounds() {
  local what="$1" measure="$2" round side; shift 2
  : > "$ROUNDS_OUT"
  for round in $(seq 1 "$ROUNDS"); do
    log "round $round/$ROUNDS ($what)"
    for side in "$@"; do "$measure" "$side"; done
  done
}
# medians SIDE : on one line, the median of each figure over the rounds of SIDE, from $ROUNDS_OUT (a line per round
# and side: the side, then its figures).
medians() {
  local c n values=()
  n=$(awk -v t="$1" '$1 == t { print NF; exit }' "$ROUNDS_OUT")
  for (( c = 2; c <= n; c++ )); do values+=("$(awk -v t="$1" -v c="$c" '$1 == t { print $c }' "$ROUNDS_OUT" | median)"); done
  echo "${values[*]}"
}
# ratio_of A B : A / B with three decimals.
ratio_of() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }

# field NAME : a value of the `bench:` line (bench/wrk-report.lua) in $WRK_OUT, the output of the last wrk run.
field() { sed -n "/^bench: sent=/s/.* $1=\([^ ]*\).*/\1/p" "$WRK_OUT"; }
# wrk_check WHAT [NAME FROM] : dies unless the last wrk run (WHAT, for the messages) finished with 2xx answers only
# and no socket error; on errors, shows too logs/NAME.log from line FROM.
wrk_check() {
  grep -q '^bench: sent=' "$WRK_OUT" || { cat "$WRK_OUT" >&2; die "wrk did not finish its $1 run"; }
  if [[ "$(field bad)" != 0 || "$(field socket_errors)" != 0 ]]; then
    grep '^bench:' "$WRK_OUT" >&2
    if [[ -n "${2:-}" ]]; then
      log "this run's last lines of $CPA_LOGS/$2.log:"; tail -n "+$3" "$CPA_LOGS/$2.log" | tail -n 40 >&2
    fi
    die "$1: $(field bad) non-2xx answers (status $(field statuses)), $(field socket_errors) socket errors"
  fi
}
