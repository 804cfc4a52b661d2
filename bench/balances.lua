-- wrk script of bench/balances.sh: each request reads the balances of one of the bench holders, with that holder's
-- own token, taking the holders in turn; each thread starts at its own place in the list, so that the holders
-- read at any moment are spread over all of them.
-- Environment: BENCH_TOKENS, a file with one access token per line.
local path = os.getenv("BENCH_TOKENS")

-- The answer counting and the report line, from this script's own directory.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "wrk-report.lua")
report_percentiles = { 50, 90, 99 }

function init(args)
  local reqs = {}
  for token in io.lines(path) do
    table.insert(reqs, wrk.format("GET", "/api/ledger/me/accounts", { ["Authorization"] = "Bearer " .. token }))
  end
  assert(#reqs > 0, "no tokens in " .. path)
  in_turn(reqs, 97)
end
