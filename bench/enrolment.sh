#!/usr/bin/env bash
# Whole training applications per second through the gateway, and the latency from the holder's confirmation to the
# ledger's FundsReserved (p50, p99; target p99 < 200 ms), against PostgreSQL alone writing the same rows in the same
# transactions. Runs services/enrolment's LifecycleBench: the enrolment service under a movable clock (entry and
# completion need their dates), the real ledger, catalogue and gateway as processes, on the local stack.
# Writes bench/results/enrolment.{txt,json}. BENCH_LIFECYCLES (120) and BENCH_CONCURRENCY (12) tune it.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

need_jars ledger catalogue gateway
cd "$CPA_ROOT"
log "enrolment lifecycles: ${BENCH_LIFECYCLES:-120} by ${BENCH_CONCURRENCY:-12} holders at once"
mvn -B -ntp -q -pl services/enrolment test -Dtest=LifecycleBench -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.lifecycles="${BENCH_LIFECYCLES:-120}" -Dbench.concurrency="${BENCH_CONCURRENCY:-12}" \
  -Dbench.results="$RESULTS" -Dquarkus.log.level=WARN
cat "$RESULTS/enrolment.txt"
