#!/usr/bin/env bash
# Volume data for the catalogue: N generated training offers (with their organisations, actions and sessions) in a
# catalogue database, for load tests and search benchmarks. See docs/operations.md, "Catalogue volume data".
# Usage: seed-catalogue.sh N [DATABASE]      (DATABASE defaults to cpa_catalogue; SEED=42 changes the data drawn)
# Re-runnable: each run deletes what the previous runs generated, then generates N offers again; the same N and SEED
# on the same day give the same rows.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
set -euo pipefail

N="${1:-}"; DB="${2:-cpa_catalogue}"; SEED="${SEED:-42}"
[[ "$N" =~ ^[0-9]+$ ]] || die "usage: $(basename "$0") N [DATABASE]   (N: number of offers, e.g. 500000)"
[[ "$DB" =~ ^[a-z_][a-z0-9_]*$ ]] || die "database name '$DB': lower-case letters, digits and _ only"
[[ "$SEED" =~ ^[0-9]+$ ]] || die "SEED must be a number"
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"
SEED_DIR="$CPA_ROOT/services/catalogue/seed"
JAR="$CPA_ROOT/services/catalogue/target/quarkus-app/quarkus-run.jar"
APP=catalogue-seed
T0=$SECONDS
elapsed() { echo "$((SECONDS - $1)) s"; }

# 1. PostgreSQL, the database, its role and the extensions its migration cannot create itself.
t=$SECONDS
"$CPA_ROOT/deploy/local/postgres.sh" up
pg_ensure_db "$DB"
while read -r db ext; do
  [[ "${db%%#*}" == cpa_catalogue && -n "$ext" ]] && pg_ensure_extension "$DB" "$ext"
done < "$CPA_ROOT/deploy/local/extensions.conf"
log "seed: database $DB ready ($(elapsed $t))"

# 2. Schema and reference data (RNCP register, ROME): loaded by the service itself, started once if needed.
certifications() {
  if [[ "$(pg_psql -Atq -d "$DB" -c "SELECT to_regclass('public.certification') IS NOT NULL")" == t ]]; then
    pg_psql -Atq -d "$DB" -c "SELECT count(*) FROM certification WHERE origin = 'REGISTER'"
  else
    echo 0
  fi
}
free_port() {
  local p
  for p in $(seq 18083 18183); do port_open "$p" || { echo "$p"; return; }; done
  die "no free port in 18083..18183"
}
if [[ "$(certifications)" == 0 ]]; then
  t=$SECONDS
  if [[ ! -f "$JAR" ]]; then
    log "seed: building the catalogue service"
    (cd "$CPA_ROOT" && mvn -B -ntp -pl services/catalogue -am package -DskipTests) >&2
  fi
  port="$(free_port)"
  log "seed: starting the catalogue once on port $port to migrate $DB and load the register (log $CPA_LOGS/$APP.log)"
  trap 'stop_bg "$APP"' EXIT
  CPA_CATALOGUE_DB_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$DB" CPA_CATALOGUE_DB_USER="$DB" \
    CPA_CATALOGUE_DB_PASSWORD="$DB" QUARKUS_HTTP_PORT="$port" \
    start_bg "$APP" "$(java17)" -Xmx384m -jar "$JAR"
  wait_for "$APP" 180 curl -fsS "http://127.0.0.1:$port/q/health/ready"
  stop_bg "$APP"
  trap - EXIT
  [[ "$(certifications)" != 0 ]] || die "the catalogue started but $DB has no certification; see $CPA_LOGS/$APP.log"
  log "seed: schema and register loaded ($(elapsed $t))"
fi

# 3. Generation, set-based, in one transaction (see services/catalogue/seed/README.md).
t=$SECONDS
log "seed: generating $N offers in $DB (seed $SEED)"
(cd "$SEED_DIR" && pg_psql -X -q -d "$DB" -v n="$N" -v seed="$SEED" -v owner="$DB" -f seed-catalogue.sql)
log "seed: generated ($(elapsed $t))"

# 4. The denormalised search table, where the schema has one, then statistics for the planner.
t=$SECONDS
if [[ "$(pg_psql -Atq -d "$DB" -c "SELECT to_regprocedure('search_rebuild()') IS NOT NULL")" == t ]]; then
  pg_psql -X -q -d "$DB" -c "SET ROLE \"$DB\"" -c "SELECT search_rebuild()" >/dev/null
  log "seed: search_rebuild() done ($(elapsed $t))"
  t=$SECONDS
fi
pg_psql -X -q -d "$DB" -c "VACUUM ANALYZE"
log "seed: VACUUM ANALYZE done ($(elapsed $t))"

pg_psql -X -d "$DB" -c "
  SELECT count(DISTINCT o.organisation_siret) AS organisations, count(DISTINCT o.id) AS offers,
         count(DISTINCT a.id) AS actions, count(*) AS sessions,
         (SELECT count(*) FROM certification WHERE origin = 'GENERATED') AS generated_certifications
    FROM seed.generated_organisation g JOIN offer o ON o.organisation_siret = g.siret
    JOIN offer_action a ON a.offer_id = o.id JOIN offer_session s ON s.action_id = a.id"
log "seed: $N offers in $DB in $(elapsed $T0)"
