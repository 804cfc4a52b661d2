#!/usr/bin/env bash
# Gateway overhead: the same small authenticated GET sent straight to a service and through the gateway, in one run,
# with wrk on 127.0.0.1. Writes bench/results/gateway-overhead.{txt,json}. Targets: >= 70 % of direct throughput,
# < 2 ms added p99. The service at the far end checks the token like every real service does.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DURATION="${BENCH_DURATION:-10s}"
ROUNDS="${BENCH_ROUNDS:-3}"
# Both JVMs compile their hot paths for tens of seconds on two shared cores: measuring earlier measures the JIT.
WARMUP="${BENCH_WARMUP:-40s}"
CONNECTIONS="${BENCH_CONNECTIONS:-8}"
THREADS="${BENCH_THREADS:-1}"
WRK_OUT="$RESULTS/wrk.tmp"
ROUNDS_OUT="$RESULTS/rounds.tmp"

need_wrk
need_jars gateway

mvn -B -ntp -q -Pbench -pl bench/echo-service -am install -DskipTests

ECHO_JAR="$CPA_ROOT/bench/echo-service/target/quarkus-app/quarkus-run.jar"
cleanup() { stop_bg bench-echo; stop_bg bench-gateway; }
need_free_ports 8089 18080 "$(gateway_management_port 18080)"
trap cleanup EXIT

start_bg bench-echo java -Xmx256m -jar "$ECHO_JAR"
start_gateway 18080 -Dcpa.gateway.routes.bench.url=http://127.0.0.1:8089 -Dcpa.gateway.routes.bench.roles=holder
# The echo service has no health endpoint: it is up when it refuses a call without a token.
answers_401() { [[ "$(curl -s -o /dev/null -w '%{http_code}' "$1")" == 401 ]]; }
wait_for bench-echo 60 answers_401 http://127.0.0.1:8089/api/bench/ping
wait_gateway_ready 60 18080

# A demo holder's token, long enough for the run (deploy/keycloak/README.md).
TOKEN=$(curl -fsS "$KEYCLOAK/realms/cpa/protocol/openid-connect/token" \
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

rps() { awk '/^Requests\/sec/ { print $2 }' "$1"; }

measure() {
  local url="$DIRECT"
  [[ $1 == gateway ]] && url="$GATEWAY"
  run_wrk "$DURATION" "$url" > "$WRK_OUT"
  grep -q 'Non-2xx' "$WRK_OUT" && die "non-2xx answers from $1 during the run"
  echo "$1 $(rps "$WRK_OUT") $(pct "$WRK_OUT" 50%) $(pct "$WRK_OUT" 99%)" >> "$ROUNDS_OUT"
}
rounds "$DURATION each, $CONNECTIONS connections" measure direct gateway
read -r d_rps d_p50 d_p99 <<< "$(medians direct)"
read -r g_rps g_p50 g_p99 <<< "$(medians gateway)"
ratio=$(ratio_of "$g_rps" "$d_rps")
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
  echo "rounds (target req/s p50 p99):"; sed 's/^/  /' "$ROUNDS_OUT"
} | tee "$RESULTS/gateway-overhead.txt"
cat > "$RESULTS/gateway-overhead.json" <<JSON
{"direct":{"rps":$d_rps,"p50_ms":$d_p50,"p99_ms":$d_p99},"gateway":{"rps":$g_rps,"p50_ms":$g_p50,"p99_ms":$g_p99},
 "throughput_ratio":$ratio,"added_p50_ms":$add50,"added_p99_ms":$add99,"connections":$CONNECTIONS,"duration":"$DURATION","rounds":$ROUNDS}
JSON
rm -f "$RESULTS"/*.tmp
