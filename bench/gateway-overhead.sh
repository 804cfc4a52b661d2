#!/usr/bin/env bash
# Gateway overhead: the same small authenticated GET sent straight to a service and through the gateway, in one run,
# with wrk on 127.0.0.1. Writes bench/results/gateway-overhead.{txt,json}. Targets: >= 70 % of direct throughput,
# < 2 ms added p99. The service at the far end checks the token like every real service does.
source "$(dirname "${BASH_SOURCE[0]}")/../deploy/local/lib.sh"

DURATION="${BENCH_DURATION:-20s}"
WARMUP="${BENCH_WARMUP:-8s}"
CONNECTIONS="${BENCH_CONNECTIONS:-32}"
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
  -Dcpa.gateway.rate-limit.enabled=false -Dquarkus.log.level=WARN -jar "$GATEWAY_JAR"
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
log "warming up ($WARMUP each)"
run_wrk "$WARMUP" "$DIRECT" >/dev/null
run_wrk "$WARMUP" "$GATEWAY" >/dev/null
log "measuring ($DURATION each, $CONNECTIONS connections)"
run_wrk "$DURATION" "$DIRECT" > "$RESULTS/wrk-direct.tmp"
run_wrk "$DURATION" "$GATEWAY" > "$RESULTS/wrk-gateway.tmp"

# wrk prints latencies with units (us, ms, s); convert to milliseconds.
ms() { awk -v v="$1" 'BEGIN { n=v+0; if (v ~ /us$/) n/=1000; else if (v ~ /ms$/) n=n; else if (v ~ /s$/) n*=1000; printf "%.3f", n }'; }
rps() { awk '/^Requests\/sec/ { print $2 }' "$1"; }
pct() { ms "$(awk -v p="$2" '$1 == p { print $2 }' "$1")"; }
non2xx() { awk '/Non-2xx/ { print $NF }' "$1"; }

d_rps=$(rps "$RESULTS/wrk-direct.tmp"); g_rps=$(rps "$RESULTS/wrk-gateway.tmp")
d_p50=$(pct "$RESULTS/wrk-direct.tmp" 50%); g_p50=$(pct "$RESULTS/wrk-gateway.tmp" 50%)
d_p99=$(pct "$RESULTS/wrk-direct.tmp" 99%); g_p99=$(pct "$RESULTS/wrk-gateway.tmp" 99%)
[[ -z "$(non2xx "$RESULTS/wrk-direct.tmp")$(non2xx "$RESULTS/wrk-gateway.tmp")" ]] || die "non-2xx answers during the run"
ratio=$(awk -v g="$g_rps" -v d="$d_rps" 'BEGIN { printf "%.3f", g / d }')
add50=$(awk -v g="$g_p50" -v d="$d_p50" 'BEGIN { printf "%.3f", g - d }')
add99=$(awk -v g="$g_p99" -v d="$d_p99" 'BEGIN { printf "%.3f", g - d }')
verdict=$(awk -v r="$ratio" -v a="$add99" 'BEGIN { print (r >= 0.70 && a < 2.0) ? "MET" : "NOT MET" }')

{
  echo "gateway overhead — $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, wrk -t$THREADS -c$CONNECTIONS -d$DURATION"
  echo "request: GET /api/bench/ping with a holder's bearer token (the service checks it too)"
  printf '%-10s %12s %10s %10s\n' "" "req/s" "p50 ms" "p99 ms"
  printf '%-10s %12s %10s %10s\n' direct "$d_rps" "$d_p50" "$d_p99"
  printf '%-10s %12s %10s %10s\n' gateway "$g_rps" "$g_p50" "$g_p99"
  echo "throughput ratio gateway/direct: $ratio (target >= 0.70)"
  echo "added latency: p50 +$add50 ms, p99 +$add99 ms (target p99 < 2 ms)"
  echo "targets: $verdict"
} | tee "$RESULTS/gateway-overhead.txt"
cat > "$RESULTS/gateway-overhead.json" <<JSON
{"direct":{"rps":$d_rps,"p50_ms":$d_p50,"p99_ms":$d_p99},"gateway":{"rps":$g_rps,"p50_ms":$g_p50,"p99_ms":$g_p99},
 "throughput_ratio":$ratio,"added_p50_ms":$add50,"added_p99_ms":$add99,"connections":$CONNECTIONS,"duration":"$DURATION"}
JSON
rm -f "$RESULTS"/*.tmp
