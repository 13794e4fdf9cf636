-- Settle or release several reservations in one call (RedisQuotaEngine, through ScriptBatch), one
-- after the other, exactly as if each had its own call.
-- KEYS: the counters of every reservation in order, as in reserve.lua.
-- ARGV, per reservation: id, now (ms), hold count n; then 3 per hold: 'w' or 'c', delta, window end (ms).
-- A window counter moves by delta, never below zero, unless its window has ended (nothing to fix);
-- a concurrency slot is freed. Returns one 0 per reservation.
local results = {}
local a = 1
local k = 0
while a <= #ARGV do
  local id = ARGV[a]
  local now = tonumber(ARGV[a + 1])
  local n = tonumber(ARGV[a + 2])
  local first = a + 3
  for i = 1, n do
    local b = first + (i - 1) * 3
    local key = KEYS[k + i]
    if ARGV[b] == 'c' then
      redis.call('ZREM', key, id)
    else
      local delta = tonumber(ARGV[b + 1])
      local ends = tonumber(ARGV[b + 2])
      if delta ~= 0 and ends > now and (delta > 0 or redis.call('EXISTS', key) == 1) then
        local v = redis.call('INCRBY', key, ARGV[b + 1])
        if v < 0 then
          redis.call('SET', key, '0', 'KEEPTTL')
        elseif v == delta then
          -- The counter was created here (or was 0): a new one needs its expiry (see reserve.lua).
          redis.call('PEXPIREAT', key, ARGV[b + 2])
        end
      end
    end
  end
  results[#results + 1] = 0
  a = first + n * 3
  k = k + n
end
return results
