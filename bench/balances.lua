-- wrk script of bench/balances.sh: each request reads the balances of one of the bench holders, with that holder's
-- own token, taking the holders in turn; each thread starts at its own place in the list, so that the holders
-- read at any moment are spread over all of them.
-- Environment: BENCH_TOKENS, a file with one access token per line.
local path = os.getenv("BENCH_TOKENS")

local threads = {}

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

function init(args)
  reqs = {}
  for token in io.lines(path) do
    table.insert(reqs, wrk.format("GET", "/api/ledger/me/accounts", { ["Authorization"] = "Bearer " .. token }))
  end
  assert(#reqs > 0, "no tokens in " .. path)
  next_one = (tid * 97) % #reqs
  sent, ok, bad, statuses, first_error = 0, 0, 0, "", ""
end

function request()
  sent = sent + 1
  next_one = next_one % #reqs + 1
  return reqs[next_one]
end

function response(status, headers, body)
  if status >= 200 and status < 300 then
    ok = ok + 1
  else
    bad = bad + 1
    if not statuses:find(" " .. status, 1, true) then statuses = statuses .. " " .. status end
    if first_error == "" then first_error = (body or ""):sub(1, 300):gsub("%s+", " ") end
  end
end

-- One line the shell script reads: counts, throughput of the 2xx answers, latency percentiles in milliseconds.
function done(summary, latency, requests)
  local s, o, b, st, err = 0, 0, 0, "", ""
  for _, t in ipairs(threads) do
    s, o, b = s + t:get("sent"), o + t:get("ok"), b + t:get("bad")
    st = st .. t:get("statuses")
    if err == "" then err = t:get("first_error") end
  end
  local e = summary.errors
  st = st:gsub("^ ", ""):gsub(" ", ",")
  io.write(string.format("bench: sent=%d ok=%d bad=%d rps=%.2f p50=%.3f p90=%.3f p99=%.3f socket_errors=%d statuses=%s\n",
    s, o, b, o / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, e.connect + e.read + e.write + e.timeout, st == "" and "-" or st))
  if err ~= "" then io.write("bench: first error: " .. err .. "\n") end
end
