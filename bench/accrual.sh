#!/usr/bin/env bash
# The yearly accrual of BENCH_PERSONS persons (1,000,000) with 1.2 employers' declarations each on average, against
# PostgreSQL COPY writing the same journal rows into a table shaped like the journal, in one run.
# Writes bench/results/accrual.{txt,json}. Target: the accrual run within 2x the time of COPY.
#
# The ledger runs on its own database (cpa_ledger_bench, recreated each time) on port 18082. The outbox relay is held
# off: publishing the RightsCredited events to Kafka happens after the run and is not part of it (the outbox rows are
# written by the run, in the same transactions as the entries, and are counted). Its consumers are off too: the bench
# database holds only the bench's persons.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PERSONS="${BENCH_PERSONS:-1000000}"
YEAR="${BENCH_YEAR:-2025}"
TARGET=2
DB=cpa_ledger_bench
PORT=18082
DUMP="$CPA_LOGS/bench-accrual-entries.copy"
need_jars ledger

sql() { pg_psql -d "$DB" -Atq "$@"; }
cleanup() {
  stop_bg bench-ledger
  rm -f "$DUMP"
  pg_psql -d postgres -Atqc "DROP DATABASE IF EXISTS $DB" || true
}
need_free_ports "$PORT"
trap cleanup EXIT

log "fresh database $DB"
pg_psql -d postgres -Atqc "DROP DATABASE IF EXISTS $DB"
pg_ensure_db "$DB"
LEDGER_LOG_FROM=$(log_start bench-ledger)
CPA_LEDGER_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" CPA_LEDGER_DB_USER="$DB" CPA_LEDGER_DB_PASSWORD="$DB" \
  start_bg bench-ledger java -Xmx1g -Dquarkus.http.port=$PORT -Dcpa.outbox.interval=24h \
  -Dmp.messaging.incoming.identity-holders.enabled=false -Dmp.messaging.incoming.enrolment-applications.enabled=false \
  ${BENCH_LEDGER_OPTS:-} \
  -jar "$(service_jar ledger)"
wait_ready bench-ledger 90 "$PORT"

# Persons bench-0000001...: adults with a CPF balance already (so ceilings bite for some), one declaration each for a
# first employer, a second employer for one in five (the hours of both are summed), some part-time, some
# low-qualified, one in twenty exposed to night work.
log "generating $PERSONS persons and their declarations of $YEAR"
GEN_START=$SECONDS
sql <<SQL
INSERT INTO account (id, person_key, kind, unit, balance, birth_date)
SELECT gen_random_uuid(), 'bench-' || lpad(i::text, 7, '0'), k,
       CASE k WHEN 'CPP' THEN 'POINTS' ELSE 'EURO_CENTS' END,
       CASE k WHEN 'CPF' THEN (i % 41) * 12500 ELSE 0 END,
       date '1962-01-01' + (i % 14000)
FROM generate_series(1, $PERSONS) i, unnest(ARRAY['CPF', 'CEC', 'CPP']) k;
INSERT INTO declaration (id, siret, year, person_key, minutes_worked, reference_minutes, contract_type, low_qualified,
                         cpp_exposures)
SELECT gen_random_uuid(), '73282932000074', $YEAR, 'bench-' || lpad(i::text, 7, '0'),
       (ARRAY[96420, 96420, 48210, 30000, 72000])[1 + i % 5], NULL, 'PERMANENT', i % 10 = 0,
       CASE WHEN i % 20 = 0 THEN '[{"factor": "NIGHT_WORK", "quarter": 1}, {"factor": "NIGHT_WORK", "quarter": 2}]'::jsonb
            ELSE '[]'::jsonb END
FROM generate_series(1, $PERSONS) i;
INSERT INTO declaration (id, siret, year, person_key, minutes_worked, reference_minutes, contract_type, low_qualified)
SELECT gen_random_uuid(), '90123456700013', $YEAR, 'bench-' || lpad(i::text, 7, '0'), 24000, NULL, 'FIXED_TERM', false
FROM generate_series(1, $PERSONS) i WHERE i % 5 = 0;
VACUUM ANALYZE;
SQL
DECLARATIONS=$(sql -c "SELECT count(*) FROM declaration")
log "generated in $((SECONDS - GEN_START)) s: $DECLARATIONS declarations"

TOKEN=$(client_token demo-operator)
[[ "$TOKEN" =~ ^ey ]] || die "no operator token from Keycloak; is the stack up (make stack-up)?"

log "accrual of $YEAR"
RUN_START=$(date +%s.%N)
curl -fsS -o /dev/null -X POST -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d "{\"year\": $YEAR}" "http://127.0.0.1:$PORT/api/ledger/accrual-runs"
# Polled in the database: an access token would expire during a long run.
until [[ "$(sql -c "SELECT status FROM accrual_run WHERE year = $YEAR")" == DONE ]]; do
  running bench-ledger || { tail -n 40 "$CPA_LOGS/bench-ledger.log" >&2; die "the ledger stopped during the run"; }
  sleep 0.2
done
RUN_END=$(date +%s.%N)
ACCRUAL_S=$(awk -v a="$RUN_START" -v b="$RUN_END" 'BEGIN { printf "%.1f", b - a }')
ENTRIES=$(sql -c "SELECT count(*) FROM account_entry")
EVENTS=$(sql -c "SELECT count(*) FROM platform_outbox_event WHERE type = 'RightsCredited'")
RUN_PERSONS=$(sql -c "SELECT persons FROM accrual_run WHERE year = $YEAR")
log "accrual: ${ACCRUAL_S} s, $RUN_PERSONS persons, $ENTRIES entries, $EVENTS events"
tail -n +"$LEDGER_LOG_FROM" "$CPA_LOGS/bench-ledger.log" | grep -E 'ERROR|left for later' | head -n 5 >&2 || true
(( ENTRIES > 0 )) || die "the accrual wrote no entry"
[[ "$EVENTS" == "$ENTRIES" ]] || die "$ENTRIES entries but $EVENTS events"
# Balances equal the journal's sums, for every account.
MISMATCH=$(sql -c "SELECT count(*) FROM account a LEFT JOIN (SELECT account_id, sum(amount) s FROM account_entry
  GROUP BY account_id) e ON e.account_id = a.id WHERE a.balance <> coalesce(e.s, 0) + CASE WHEN a.kind = 'CPF' AND a.person_key LIKE 'bench-%' THEN
  (substr(a.person_key, 7)::int % 41) * 12500 ELSE 0 END")
[[ "$MISMATCH" == 0 ]] || die "$MISMATCH account balances differ from their journal"

# COPY alone: the same rows, into a table with the journal's columns, keys, index and checks, from a client over the
# same socket the service uses.
log "COPY of the same $ENTRIES rows"
sql -c "\copy (SELECT * FROM account_entry) TO '$DUMP'"
sql <<SQL
CREATE TABLE bench_copy (LIKE account_entry INCLUDING ALL);
ALTER TABLE bench_copy ADD FOREIGN KEY (account_id) REFERENCES account (id);
CHECKPOINT;
SQL
COPY_START=$(date +%s.%N)
sql -c "\copy bench_copy FROM '$DUMP'"
COPY_END=$(date +%s.%N)
COPY_S=$(awk -v a="$COPY_START" -v b="$COPY_END" 'BEGIN { printf "%.1f", b - a }')
RATIO=$(awk -v a="$ACCRUAL_S" -v c="$COPY_S" 'BEGIN { printf "%.2f", a / c }')
VERDICT=$(awk -v r="$RATIO" -v t="$TARGET" 'BEGIN { print (r <= t) ? "met" : "NOT met" }')
log "COPY: ${COPY_S} s; accrual / COPY = $RATIO (target <= $TARGET: $VERDICT)"

# The service's own account of where the run's time went (reading and computing, journal, events).
BREAKDOWN=$(tail -n +"$LEDGER_LOG_FROM" "$CPA_LOGS/bench-ledger.log" | grep -o "Accrual of $YEAR done: .*" | tail -n 1)

cat > "$RESULTS/accrual.txt" <<TXT
Yearly accrual vs PostgreSQL COPY, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores
Persons: $RUN_PERSONS, declarations: $DECLARATIONS (year $YEAR)
Accrual run (POST /api/ledger/accrual-runs until DONE): ${ACCRUAL_S} s
  journal entries written: $ENTRIES, outbox events written: $EVENTS, balances checked against the journal
COPY of the same $ENTRIES journal rows (same columns, keys, index, checks): ${COPY_S} s
Ratio accrual / COPY: $RATIO (target <= $TARGET: $VERDICT)
Service log: $BREAKDOWN
TXT
cat > "$RESULTS/accrual.json" <<JSON
{"date": "$(date -u +%Y-%m-%dT%H:%M:%SZ)", "persons": $RUN_PERSONS, "declarations": $DECLARATIONS, "entries": $ENTRIES,
 "events": $EVENTS, "accrualSeconds": $ACCRUAL_S, "copySeconds": $COPY_S, "ratio": $RATIO, "target": $TARGET}
JSON
cat "$RESULTS/accrual.txt"
