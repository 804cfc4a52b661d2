#!/usr/bin/env bash
# Conventions the build enforces (run by `make test` before the tests): every service takes "today" and "now" from
# the platform's service clock (platform/web ServiceClock), never from the system, so that tests and replays can fix
# them. Elapsed time and token expiry (System.nanoTime, currentTimeMillis against a token's exp) are real time and
# stay on the system's clock.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

SYSTEM_TIME='\b(LocalDate|LocalDateTime|Instant|Year|YearMonth|ZonedDateTime|OffsetDateTime)\.now\(\)|Clock\.system(UTC|DefaultZone)?\('

if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  found=$(git grep --untracked -nE "$SYSTEM_TIME" -- 'services/*/src/main/*.java' || true)
else
  found=$(grep -rnE --include='*.java' "$SYSTEM_TIME" services/*/src/main || true)
fi
if [[ -n "$found" ]]; then
  echo "These lines read the system time; take it from the service clock (an injected java.time.Clock):" >&2
  echo "$found" >&2
  exit 1
fi
