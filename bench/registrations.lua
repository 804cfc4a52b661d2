-- wrk script of bench/registrations.sh: every request registers a person never seen before, so that each one
-- creates a Keycloak user (a known NIR or e-mail would take the cheap "warn the owner" path instead).
-- Environment: BENCH_MODE gateway|keycloak, BENCH_RUN (run id), BENCH_PHASE (one per wrk invocation),
-- BENCH_BASE (the run's random offset into the NIR space), BENCH_TOKEN (keycloak mode: admin bearer token).
local mode = os.getenv("BENCH_MODE")
local run = os.getenv("BENCH_RUN")
local phase = tonumber(os.getenv("BENCH_PHASE"))
local base = tonumber(os.getenv("BENCH_BASE"))
local token = os.getenv("BENCH_TOKEN")
local password = "Sesame-2026-Abc"

-- The answer counting and the report line, from this script's own directory.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "wrk-report.lua")

function nir_key(number)
  return 97 - math.fmod(number, 97)
end
-- Checked against known valid NIRs: a wrong key would send only 400s.
assert(nir_key(1850575116042) == 18 and nir_key(2901169123017) == 87, "NIR key computation is wrong")

-- Radixes of the NIR fields the index is spread over: order, commune, department 01-19, month, year 1960-2000, sex.
local SPACE = 999 * 999 * 19 * 12 * 41 * 2

-- The n-th person of this thread and phase: a valid NIR (key = 97 - number mod 97) and the matching birth date.
-- Every value stays below 2^53, so doubles are exact.
function person(n)
  local idx = math.fmod(base + phase * 1e7 + tid * 1e6 + n, SPACE)
  local function take(radix)
    local v = math.fmod(idx, radix)
    idx = math.floor(idx / radix)
    return v
  end
  local order = take(999) + 1
  local commune = take(999) + 1
  local dept = take(19) + 1
  local month = take(12) + 1
  local year = 1960 + take(41)
  local sex = take(2) + 1
  local key = nir_key(sex * 1e12 + (year % 100) * 1e10 + month * 1e8 + dept * 1e6 + commune * 1e3 + order)
  local nir = string.format("%d%02d%02d%02d%03d%03d%02d", sex, year % 100, month, dept, commune, order, key)
  return nir, string.format("%04d-%02d-15", year, month)
end

function request()
  local nir, birth = person(sent)
  local email = string.format("bench-%s-%s%d-%d-%d@bench.cpa.localhost", run, mode:sub(1, 1), phase, tid, sent)
  sent = sent + 1
  if mode == "gateway" then
    local body = string.format('{"nir":"%s","givenNames":"Camille","birthName":"Banc","birthDate":"%s",'
      .. '"email":"%s","emailConfirmation":"%s","password":"%s","termsAccepted":true,"termsVersion":"2026-01"}',
      nir, birth, email, email, password)
    return wrk.format("POST", "/api/identity/registrations", { ["Content-Type"] = "application/json" }, body)
  end
  -- What the identity service sends Keycloak for the same person, minus the role mapping.
  local body = string.format('{"username":"%s","email":"%s","firstName":"Camille","lastName":"Banc",'
    .. '"enabled":false,"emailVerified":false,"credentials":[{"type":"password","value":"%s","temporary":false}]}',
    nir, email, password)
  return wrk.format("POST", "/admin/realms/cpa/users",
    { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }, body)
end
