/**
 * The Redis store's atomic steps, each one Lua script (Redis runs a script without interleaving any
 * other command). They mirror ../stores/budget-logic.ts and ../stores/data.ts step for step;
 * test/stores-budget.test.ts runs both on the same sequences.
 *
 * Numbers travel as strings both ways: Redis turns a Lua number in a reply into an integer, which
 * would cut the fractions of seconds off. A field that is not a number is reported as corrupt data
 * (an error reply starting with MTS_CORRUPT), never guessed at.
 */

const READ_BUDGET = `
local function fmt(n) return string.format("%.17g", n) end
local r = {limit=300, remaining=300, reset=0, known=0, slot=0, probe=0, inflight=0, silent=0}
local raw = redis.call("HGETALL", KEYS[1])
for i = 1, #raw, 2 do
  local v = tonumber(raw[i + 1])
  if r[raw[i]] == nil or v == nil or v ~= v or v == math.huge or v == -math.huge then
    return redis.error_reply("MTS_CORRUPT budget field " .. tostring(raw[i]) .. " is not a number")
  end
  r[raw[i]] = v
end
local function save()
  redis.call("HSET", KEYS[1], "limit", fmt(r.limit), "remaining", fmt(r.remaining), "reset", fmt(r.reset),
    "known", fmt(r.known), "slot", fmt(r.slot), "probe", fmt(r.probe), "inflight", fmt(r.inflight),
    "silent", fmt(r.silent))
  redis.call("EXPIRE", KEYS[1], 7200)
end
local function state()
  return {fmt(r.limit), fmt(r.remaining), fmt(r.reset), fmt(r.known)}
end
`;

/** ARGV: now, pace ("1"/"0"), pacefactor, probeSeconds, poll seconds, stale in-flight seconds. Returns {granted, slot|wait, exhausted, state...}. */
export const TAKE_BUDGET = `${READ_BUDGET}
local now = tonumber(ARGV[1])
local pace = ARGV[2] == "1"
local factor = tonumber(ARGV[3])
local probeSeconds = tonumber(ARGV[4])
local poll = tonumber(ARGV[5])
if r.known == 1 and now >= r.reset then
  if now - r.slot > tonumber(ARGV[6]) then r.inflight = 0 end
  r.known = 0; r.remaining = math.max(0, math.max(1, r.limit) - r.inflight); r.slot = 0; r.probe = 0
end
if r.known == 0 and r.silent == 0 and r.probe > now then
  save()
  local s = state()
  return {"0", fmt(math.min(r.probe - now, poll)), "0", s[1], s[2], s[3], s[4]}
end
if r.remaining <= 0 then
  local wait = poll
  if r.known == 1 then wait = r.reset - now end
  save()
  local s = state()
  return {"0", fmt(wait), "1", s[1], s[2], s[3], s[4]}
end
local slot = now
if pace and r.known == 1 and r.reset > now then
  local base = now
  if r.slot > 0 then base = math.min(r.slot, r.reset) end
  slot = math.max(now, base + (r.reset - base) / r.remaining / factor)
end
r.remaining = r.remaining - 1
r.inflight = r.inflight + 1
r.slot = slot
if r.known == 0 and r.silent == 0 then r.probe = now + probeSeconds end
save()
local s = state()
return {"1", fmt(slot), "0", s[1], s[2], s[3], s[4]}
`;

/** ARGV: now, settled, remaining|"", limit|"", reset|"", silent, exhausted, retryAfter|"". */
export const REPORT_BUDGET = `${READ_BUDGET}
local now = tonumber(ARGV[1])
local remaining = tonumber(ARGV[3])
local limit = tonumber(ARGV[4])
local reset = tonumber(ARGV[5])
local exhausted = ARGV[7] == "1"
local retryAfter = tonumber(ARGV[8])
r.inflight = math.max(0, r.inflight - tonumber(ARGV[2]))
if remaining == nil or reset == nil then
  r.probe = 0
  if ARGV[6] == "1" then r.silent = 1 end
  if exhausted and retryAfter ~= nil then
    r.remaining = 0; r.reset = now + retryAfter; r.known = 1
  end
  save()
  return "OK"
end
if (r.known == 1 and reset < r.reset - 0.5) or reset <= now then
  r.probe = 0
  save()
  return "OK"
end
local same = r.known == 1 and math.abs(reset - r.reset) < 0.5
if limit ~= nil then r.limit = limit end
local told = math.max(0, remaining - r.inflight)
if same then
  r.remaining = math.min(r.remaining, told)
  r.reset = math.max(r.reset, reset)
else
  r.remaining = told
  r.reset = reset
end
r.known = 1; r.probe = 0; r.silent = 0
if exhausted then r.remaining = 0 end
save()
return "OK"
`;

/** ARGV: id. Keeps the newer of the saved id and ARGV[1] (longer is newer, then byte order). */
export const ADVANCE_CHECKPOINT = `
local saved = redis.call("GET", KEYS[1])
local id = ARGV[1]
if saved and (#saved > #id or (#saved == #id and saved >= id)) then return saved end
redis.call("SET", KEYS[1], id)
return id
`;

/** ARGV: owner, ms. Takes or renews; returns {held, remaining ms}. */
export const TAKE_LEASE = `
local holder = redis.call("GET", KEYS[1])
if holder and holder ~= ARGV[1] then
  return {0, redis.call("PTTL", KEYS[1])}
end
redis.call("SET", KEYS[1], ARGV[1], "PX", ARGV[2])
return {1, tonumber(ARGV[2])}
`;

/** ARGV: owner. */
export const RELEASE_LEASE = `
if redis.call("GET", KEYS[1]) == ARGV[1] then redis.call("DEL", KEYS[1]) end
return "OK"
`;
