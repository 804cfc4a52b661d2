-- wrk script of bench/catalogue-search.sh: the requests of the search mix in turn, each thread starting at its own
-- place in it. A line of the mix is "K<tab>PATH": K = 0 sends PATH without a token (a public search), else with the
-- token on line K of the tokens file (eligibleFor=me, for that holder).
-- Environment: BENCH_MIX, the mix file; BENCH_TOKENS, a file with one access token per line.
local mix, tokens_path = os.getenv("BENCH_MIX"), os.getenv("BENCH_TOKENS")

dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "wrk-report.lua")
report_percentiles = { 50, 95, 99 }

function init(args)
  local tokens = {}
  for token in io.lines(tokens_path) do table.insert(tokens, token) end
  local reqs = {}
  for line in io.lines(mix) do
    local k, path = line:match("^(%d+)\t(.+)$")
    local headers = {}
    if tonumber(k) > 0 then headers["Authorization"] = "Bearer " .. assert(tokens[tonumber(k)], "no token " .. k) end
    table.insert(reqs, wrk.format("GET", path, headers))
  end
  assert(#reqs > 0, "no requests in " .. mix)
  in_turn(reqs, 37)
end
