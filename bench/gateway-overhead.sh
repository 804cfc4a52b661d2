#!/usr/bin/env bash
# Gateway overhead: the same small authenticated GET sent straight to a service and through the gateway, in one run,
# with wrk on 127.0.0.1. Writes bench/results/gateway-overhead.{txt,json}. Targets: >= 70 % of direct throughput,
# < 2 ms added p99. The service at the far end checks the token like every real service does.
source "$(dirname "${BASH_SOURCE[0]}")/../deploy/local/lib.sh"

DURATION="${BENCH_DURATION:-10s}"
ROUNDS="${BENCH_ROUNDS:-3}"
# Both JVMs compile their hot paths for tens of seconds on two shared cores: measuring earlier measures the JIT.
WARMUP="${BENCH_WARMUP:-40s}"
CONNECTIONS="${BENCH_CONNECTIONS:-8}"
THREADS="${BENCH_THREADS:-1}"
RESULTS="$CPA_ROOT/bench/results"
mkdir -p "$RESULTS"

if ! command -v wrk >/dev/null; then
  [[ $EUID -eq 0 ]] || die "wrk is missing: apt-get install wrk"
  log "installing wrk"
  apt-get update -qq >/dev/null && apt-get install -y -qq wrk >/dev/null
fi

mvn -B -ntp -q -Pbench -pl bench/echo-service -am install -DskipTests

ECHO_JAR="$CPA_ROOT/bench/echo-service/target/quarkus-app/quarkus-run.jar"
GATEWAY_JAR="$CPA_ROOT/services/gateway/target/quarkus-app/quarkus-run.jar"
cleanup() { stop_bg bench-echo; stop_bg bench-gateway; }
trap cleanup EXIT
for p in 8089 18080; do port_open "$p" && die "port $p is taken; stop what uses it first"; done

start_bg bench-echo java -Xmx256m -jar "$ECHO_JAR"
start_bg bench-gateway java -Xmx256m -Dquarkus.http.port=18080 \
  -Dcpa.gateway.routes.bench.url=http://127.0.0.1:8089 -Dcpa.gateway.routes.bench.roles=holder \
  -Dcpa.gateway.rate-limit.enabled=false -Dquarkus.log.level=WARN ${BENCH_GATEWAY_OPTS:-} -jar "$GATEWAY_JAR"
# The echo service has no health endpoint: it is up when it refuses a call without a token.
answers_401() { [[ "$(curl -s -o /dev/null -w '%{http_code}' "$1")" == 401 ]]; }
wait_for bench-echo 60 answers_401 http://127.0.0.1:8089/api/bench/ping
wait_for bench-gateway 60 curl -fsS http://127.0.0.1:18080/q/health/ready -o /dev/null

# A demo holder's token, long enough for the run (deploy/keycloak/README.md).
TOKEN=$(curl -fsS http://localhost:$KEYCLOAK_PORT/realms/cpa/protocol/openid-connect/token \
  -d grant_type=password -d client_id=cpa-tests -d "client_secret=${CPA_TESTS_SECRET:-cpa-tests-secret}" \
  -d "username=${BENCH_USER:-185057511604218}" -d "password=${BENCH_PASSWORD:-Holder1-Pass123}" | jq -r .access_token)
[[ -n "$TOKEN" && "$TOKEN" != null ]] || die "no token from Keycloak for the bench user"

DIRECT=http://127.0.0.1:8089/api/bench/ping
GATEWAY=http://127.0.0.1:18080/api/bench/ping
for url in "$DIRECT" "$GATEWAY"; do
  [[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$url")" == 200 ]] \
    || die "$url does not answer 200 with the bench token"
done

run_wrk() { wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1" --latency -H "Authorization: Bearer $TOKEN" "$2"; }
log "warming up ($WARMUP through the gateway, which warms both)"
run_wrk "$WARMUP" "$GATEWAY" >/dev/null
run_wrk 10s "$DIRECT" >/dev/null

# wrk prints latencies with units (us, ms, s); convert to milliseconds.
ms() { awk -v v="$1" 'BEGIN { n=v+0; if (v ~ /us$/) n/=1000; else if (v ~ /ms$/) n=n; else if (v ~ /s$/) n*=1000; printf "%.3f", n }'; }
rps() { awk '/^Requests\/sec/ { print $2 }' "$1"; }
pct() { ms "$(awk -v p="$2" '$1 == p { print $2 }' "$1")"; }
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# Rounds alternate direct and gateway, so drift on a shared machine touches both alike; medians are reported.
: > "$RESULTS/rounds.tmp"
for round in $(seq 1 "$ROUNDS"); do
  log "round $round/$ROUNDS ($DURATION each, $CONNECTIONS connections)"
  for target in direct gateway; do
    url="$DIRECT"; [[ $target == gateway ]] && url="$GATEWAY"
    run_wrk "$DURATION" "$url" > "$RESULTS/wrk.tmp"
    grep -q 'Non-2xx' "$RESULTS/wrk.tmp" && die "non-2xx answers from $target during the run"
    echo "$target $(rps "$RESULTS/wrk.tmp") $(pct "$RESULTS/wrk.tmp" 50%) $(pct "$RESULTS/wrk.tmp" 99%)" >> "$RESULTS/rounds.tmp"
  done
done
col() { awk -v t="$1" -v c="$2" '$1 == t { print $c }' "$RESULTS/rounds.tmp" | median; }
d_rps=$(col direct 2); g_rps=$(col gateway 2)
d_p50=$(col direct 3); g_p50=$(col gateway 3)
d_p99=$(col direct 4); g_p99=$(col gateway 4)
ratio=$(awk -v g="$g_rps" -v d="$d_rps" 'BEGIN { printf "%.3f", g / d }')
add50=$(awk -v g="$g_p50" -v d="$d_p50" 'BEGIN { printf "%.3f", g - d }')
add99=$(awk -v g="$g_p99" -v d="$d_p99" 'BEGIN { printf "%.3f", g - d }')
verdict=$(awk -v r="$ratio" -v a="$add99" 'BEGIN { print (r >= 0.70 && a < 2.0) ? "MET" : "NOT MET" }')

{
  echo "gateway overhead — $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, wrk -t$THREADS -c$CONNECTIONS, $ROUNDS rounds of $DURATION, medians"
  echo "request: GET /api/bench/ping with a holder's bearer token (the service checks it too);"
  echo "wrk, the gateway and the service share the same cores"
  printf '%-10s %12s %10s %10s\n' "" "req/s" "p50 ms" "p99 ms"
  printf '%-10s %12s %10s %10s\n' direct "$d_rps" "$d_p50" "$d_p99"
  printf '%-10s %12s %10s %10s\n' gateway "$g_rps" "$g_p50" "$g_p99"
  echo "throughput ratio gateway/direct: $ratio (target >= 0.70)"
  echo "added latency: p50 +$add50 ms, p99 +$add99 ms (target p99 < 2 ms)"
  echo "targets: $verdict"
  echo "rounds (target req/s p50 p99):"; sed 's/^/  /' "$RESULTS/rounds.tmp"
} | tee "$RESULTS/gateway-overhead.txt"
cat > "$RESULTS/gateway-overhead.json" <<JSON
{"direct":{"rps":$d_rps,"p50_ms":$d_p50,"p99_ms":$d_p99},"gateway":{"rps":$g_rps,"p50_ms":$g_p50,"p99_ms":$g_p99},
 "throughput_ratio":$ratio,"added_p50_ms":$add50,"added_p99_ms":$add99,"connections":$CONNECTIONS,"duration":"$DURATION","rounds":$ROUNDS}
JSON
rm -f "$RESULTS"/*.tmp
