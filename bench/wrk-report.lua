-- What the wrk scripts of bench/*.sh share, loaded by them with dofile: each thread counts its answers, 2xx or not,
-- and at the end wrk writes the one line the shell scripts read. The including script adds 1 to `sent` in its
-- request() (or uses the one below), and may set `report_percentiles` (say {50, 90, 99}) to report those latencies
-- in milliseconds too.
-- Each thread runs the script, and so this file, in a Lua state of its own: these counters are per thread.
sent, ok, bad, statuses, first_error = 0, 0, 0, "", ""

-- Only the main state's copy of this list fills up: setup() and done() run there.
local threads = {}

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
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

-- For a script whose requests are a list made in init(): in_turn(list, stride) there, and this request() sends them
-- in turn, each thread starting at its own place in the list (its number × stride), so that what is asked at any
-- moment is spread over all of it. A script with requests of its own defines request() after loading this file.
function in_turn(list, stride)
  reqs, next_one = list, (tid * stride) % #list
end

function request()
  sent = sent + 1
  next_one = next_one % #reqs + 1
  return reqs[next_one]
end

-- Counts, throughput of the 2xx answers, the percentiles asked for; `sent - ok - bad` were in flight when wrk stopped.
function done(summary, latency, requests)
  local s, o, b, st, err = 0, 0, 0, "", ""
  for _, t in ipairs(threads) do
    s, o, b = s + t:get("sent"), o + t:get("ok"), b + t:get("bad")
    st = st .. t:get("statuses")
    if err == "" then err = t:get("first_error") end
  end
  local e = summary.errors
  st = st:gsub("^ ", ""):gsub(" ", ",")
  local line = string.format("bench: sent=%d ok=%d bad=%d rps=%.2f", s, o, b, o / (summary.duration / 1e6))
  for _, p in ipairs(report_percentiles or {}) do
    line = line .. string.format(" p%d=%.3f", p, latency:percentile(p) / 1000)
  end
  io.write(string.format("%s socket_errors=%d statuses=%s\n", line, e.connect + e.read + e.write + e.timeout,
    st == "" and "-" or st))
  if err ~= "" then io.write("bench: first error: " .. err .. "\n") end
end
