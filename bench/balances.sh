#!/usr/bin/env bash
# Balance reads under 200 concurrent holders: GET /api/ledger/me/accounts through the gateway, each request with
# the token of one of 200 bench holders, against PostgreSQL alone running the endpoint's query (pgbench), in one
# run, on 127.0.0.1. Writes bench/results/balances.{txt,json}. The ledger reads its own database, dropped and made
# again at each run: the 200 holders' accounts and journals among the accounts of 200,000 other people. The bench
# holders are Keycloak users of realm cpa, removed at the end, and before the run.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

HOLDERS="${BENCH_HOLDERS:-200}"
BACKGROUND="${BENCH_BACKGROUND:-200000}"
ENTRIES="${BENCH_ENTRIES:-20}"
# Durations in seconds. Both JVMs compile their hot paths on two shared cores: after 30 or 40 s of warm-up the
# throughput still rose from round to round in every run; after 60 s it was flat.
WARMUP="${BENCH_WARMUP:-60}"
DURATION="${BENCH_DURATION:-10}"
ROUNDS="${BENCH_ROUNDS:-3}"
THREADS="${BENCH_THREADS:-2}"
# The ledger's connection pool (quarkus.datasource.jdbc.max-size): the database never serves more reads at once.
POOL="${BENCH_POOL:-20}"
DB=cpa_ledger_bench_reads
LEDGER_PORT=18092
GATEWAY_PORT=18090
LUA="$CPA_ROOT/bench/balances.lua"
DOMAIN=bench-reads.cpa.localhost
PASSWORD=Bench-Reads-2026

need_wrk
command -v pgbench >/dev/null || die "pgbench is missing: apt-get install postgresql-client"

need_jars ledger gateway

drop_db() {
  pg_psql -Atq -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "DROP ROLE IF EXISTS $DB"
}

cleanup() {
  stop_bg bench-gateway; stop_bg bench-ledger
  log "removing the bench users and database"
  purge_kc_users "$DOMAIN" || log "bench users not fully removed; run again to finish"
  drop_db || log "database $DB not dropped; run again to finish"
  rm -rf "${WORK:-}"
}
need_free_ports $GATEWAY_PORT $LEDGER_PORT "$(gateway_management_port $GATEWAY_PORT)"
trap cleanup EXIT
WORK=$(mktemp -d)
WRK_OUT="$WORK/wrk.out"
ROUNDS_OUT="$WORK/rounds"
need_admin_token
purge_kc_users "$DOMAIN"
drop_db
pg_ensure_db "$DB"

LEDGER_LOG_FROM=$(log_start bench-ledger)
# Its own consumer group, from the topic's end: the shared stack's holder events are no part of a balance read.
CPA_LEDGER_DB_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$DB" CPA_LEDGER_DB_USER=$DB CPA_LEDGER_DB_PASSWORD=$DB \
  CPA_LEDGER_DB_POOL=$POOL MP_MESSAGING_INCOMING_IDENTITY_HOLDERS_GROUP_ID=cpa-ledger-bench-reads \
  MP_MESSAGING_INCOMING_IDENTITY_HOLDERS_AUTO_OFFSET_RESET=latest \
  start_bg bench-ledger java -Xmx512m -Dquarkus.http.port=$LEDGER_PORT -Dquarkus.log.level=WARN \
  ${BENCH_LEDGER_OPTS:-} -jar "$(service_jar ledger)"
start_gateway $GATEWAY_PORT -Dcpa.gateway.routes.ledger.url=http://127.0.0.1:$LEDGER_PORT

# The holders, while the services start.
create_kc_holders bench-reads "$DOMAIN" "$PASSWORD" "$HOLDERS"
login_holders bench-reads "$PASSWORD" "$HOLDERS" "$WORK"
HOLDER_IDS="{$(paste -sd, "$WORK/holders")}"

wait_ready bench-ledger 120 $LEDGER_PORT
wait_gateway_ready 60 $GATEWAY_PORT

# Data, once Flyway made the schema. Synthetic amounts, one unit per account: the read does not look at them.
# Every person gets the three accounts; the bench holders' ones are spread among the others', as people register
# over the years, and each has a journal of yearly credits whose sum is its balance.
log "loading $HOLDERS holders with $ENTRIES entries per account among $BACKGROUND other people"
pg_psql -Atq -d "$DB" <<SQL
INSERT INTO account (id, person_key, kind, unit, holder_id)
SELECT gen_random_uuid(), encode(sha256(convert_to('bench-reads/' || p.n, 'UTF8')), 'hex'), k.kind, k.unit, p.holder_id
  FROM (SELECT n, holder_id FROM unnest('$HOLDER_IDS'::uuid[]) WITH ORDINALITY AS h (holder_id, n)
        UNION ALL
        SELECT $HOLDERS + n, gen_random_uuid() FROM generate_series(1, $BACKGROUND) AS n) AS p
 CROSS JOIN (VALUES ('CPF', 'EURO_CENTS'), ('CEC', 'EURO_CENTS'), ('CPP', 'POINTS')) AS k (kind, unit)
 ORDER BY random();
INSERT INTO account_entry (id, account_id, kind, amount, unit, effective_date, rule_year, explanation)
SELECT gen_random_uuid(), a.id, 'YEARLY_CREDIT', CASE a.kind WHEN 'CPP' THEN 1 + y % 8 ELSE 10000 + 100 * y END,
       a.unit, make_date(2025 - y, 3, 1), 2024 - y, 'Alimentation annuelle ' || (2024 - y) || ' (banc d''essai)'
  FROM account a CROSS JOIN generate_series(0, $ENTRIES - 1) AS y
 WHERE a.holder_id = ANY ('$HOLDER_IDS'::uuid[]);
UPDATE account a SET balance = e.total
  FROM (SELECT account_id, sum(amount) AS total FROM account_entry GROUP BY account_id) AS e
 WHERE a.id = e.account_id;
VACUUM ANALYZE account;
VACUUM ANALYZE account_entry;
SQL

# The query the endpoint runs (Account.ofHolder, as Hibernate writes it), for a holder drawn among the bench ones.
cat > "$WORK/read.sql" <<SQL
\set n random(1, $HOLDERS)
select a1_0.id,a1_0.balance,a1_0.holder_id,a1_0.kind,a1_0.pending,a1_0.person_key,a1_0.unit from account a1_0 where a1_0.holder_id=('$HOLDER_IDS'::uuid[])[:n] order by a1_0.kind;
SQL

GATEWAY=http://127.0.0.1:$GATEWAY_PORT
# One holder sees their three accounts with the balances loaded.
expected=$(pg_psql -Atq -d "$DB" -c "SELECT string_agg(kind || '=' || balance, ',' ORDER BY kind) FROM account
  WHERE holder_id = '$(head -n1 "$WORK/holders")'")
seen=$(curl -fsS -H "Authorization: Bearer $(head -n1 "$WORK/tokens")" "$GATEWAY/api/ledger/me/accounts" \
  | jq -r 'map(.kind + "=" + (.balance | tostring)) | join(",")') || die "the gateway does not answer a holder's read"
[[ "$seen" == "$expected" ]] || die "a holder reads $seen through the gateway, the database holds $expected"

# ours_run SECONDS : wrk through the gateway into $WRK_OUT; dies on any non-2xx or socket error.
ours_run() {
  BENCH_TOKENS="$WORK/tokens" wrk -t"$THREADS" -c"$HOLDERS" -d"$1s" --timeout 10s --latency -s "$LUA" "$GATEWAY" \
    > "$WRK_OUT"
  wrk_check gateway bench-ledger "$LEDGER_LOG_FROM"
}
# raw_run SECONDS : pgbench with the ledger's pool size as clients, prepared statements like the JDBC driver's;
# its per-transaction log gives the percentiles.
raw_run() {
  PGPASSWORD=$DB pgbench_run "$WORK/pgbench.out" -T "$1" -h "$PG_HOST" -p "$PG_PORT" -U "$DB" -M prepared -c "$POOL" \
    -j "$THREADS" -f "$WORK/read.sql" "$DB"
}

tokens_last "$WORK/tokens" $(( WARMUP + ROUNDS * 2 * DURATION + 60 ))
log "warming up (${WARMUP}s through the gateway, 5s of pgbench)"
ours_run "$WARMUP"
raw_run 5

measure() {
  if [[ $1 == raw ]]; then
    raw_run "$DURATION"
    echo "raw $(pgbench_tps "$WORK/pgbench.out") $(pgbench_pct "$WORK/pgbench.out" 50) $(pgbench_pct "$WORK/pgbench.out" 90) $(pgbench_pct "$WORK/pgbench.out" 99)" >> "$ROUNDS_OUT"
  else
    ours_run "$DURATION"
    echo "ours $(field rps) $(field p50) $(field p90) $(field p99)" >> "$ROUNDS_OUT"
  fi
}
rounds "${DURATION}s each: pgbench with $POOL clients, wrk with $HOLDERS connections" measure raw ours
read -r r_rps r_p50 r_p90 r_p99 <<< "$(medians raw)"
read -r o_rps o_p50 o_p90 o_p99 <<< "$(medians ours)"
ratio=$(ratio_of "$o_rps" "$r_rps")

{
  echo "balance reads — $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, $ROUNDS rounds of ${DURATION}s after ${WARMUP}s of warm-up, medians"
  echo "ours: GET /api/ledger/me/accounts through the gateway to the ledger (pool of $POOL connections), wrk -t$THREADS"
  echo "  -c$HOLDERS: $HOLDERS holders at once, each connection taking the holders' tokens in turn; the gateway and the"
  echo "  ledger both check the token; connections send again as soon as answered (no think time), so beyond what"
  echo "  the services serve at once the latency is queueing: mean ≈ $HOLDERS / throughput"
  echo "raw: pgbench -c$POOL -M prepared running the endpoint's SELECT by holder_id for a random holder among the"
  echo "  $HOLDERS; $POOL clients like the ledger's pool, since -c$HOLDERS would exceed max_connections"
  echo "  ($(pg_psql -Atq -c 'SHOW max_connections'), shared with the stack) and PostgreSQL never sees more than the pool anyway;"
  echo "  no HTTP, JSON nor token there"
  echo "load average (1, 5, 15 min) at the end: $(uptime | sed 's/.*load average: //'), from everything on the machine"
  echo "data: $HOLDERS holders with 3 accounts and $ENTRIES journal entries per account, among the 3 accounts of $BACKGROUND"
  echo "  other people; wrk, pgbench, the gateway, the ledger, PostgreSQL and Keycloak share the cores"
  printf '%-6s %12s %10s %10s %10s\n' "" "req/s" "p50 ms" "p90 ms" "p99 ms"
  printf '%-6s %12s %10s %10s %10s\n' raw "$r_rps" "$r_p50" "$r_p90" "$r_p99"
  printf '%-6s %12s %10s %10s %10s\n' ours "$o_rps" "$o_p50" "$o_p90" "$o_p99"
  echo "throughput ratio ours/raw: $ratio"
  echo "balance read p99 with $HOLDERS concurrent holders through the gateway: $o_p99 ms (raw query: $r_p99 ms)"
  echo "rounds (side req/s p50 p90 p99):"; sed 's/^/  /' "$ROUNDS_OUT"
} | tee "$RESULTS/balances.txt"
rounds_json=$(awk '{ printf "%s{\"side\":\"%s\",\"rps\":%s,\"p50_ms\":%s,\"p90_ms\":%s,\"p99_ms\":%s}", (NR > 1 ? "," : ""), $1, $2, $3, $4, $5 }' "$ROUNDS_OUT")
cat > "$RESULTS/balances.json" <<JSON
{"raw":{"rps":$r_rps,"p50_ms":$r_p50,"p90_ms":$r_p90,"p99_ms":$r_p99,"clients":$POOL},
 "ours":{"rps":$o_rps,"p50_ms":$o_p50,"p90_ms":$o_p90,"p99_ms":$o_p99,"connections":$HOLDERS},
 "throughput_ratio":$ratio,"holders":$HOLDERS,"background_people":$BACKGROUND,"entries_per_account":$ENTRIES,
 "cores":$(nproc),"load_average":"$(uptime | sed 's/.*load average: //')","warmup_s":$WARMUP,"duration_s":$DURATION,"rounds":$ROUNDS,"round_results":[$rounds_json]}
JSON
