-- Settle or release a reservation (RedisQuotaEngine.settle / release).
-- KEYS[i]: the counter of hold i, as in reserve.lua.
-- ARGV[1] now (ms), ARGV[2] reservation id; then 3 per hold: 'w' or 'c', delta, window end (ms).
-- A window counter moves by delta, never below zero, unless its window has ended (nothing to fix);
-- a concurrency slot is freed.
local now = tonumber(ARGV[1])
for i = 1, #KEYS do
  local b = 3 + (i - 1) * 3
  if ARGV[b] == 'c' then
    redis.call('ZREM', KEYS[i], ARGV[2])
  else
    local delta = tonumber(ARGV[b + 1])
    local ends = tonumber(ARGV[b + 2])
    if delta ~= 0 and ends > now and (delta > 0 or redis.call('EXISTS', KEYS[i]) == 1) then
      local v = redis.call('INCRBY', KEYS[i], ARGV[b + 1])
      if v < 0 then
        redis.call('SET', KEYS[i], '0', 'KEEPTTL')
      end
      redis.call('PEXPIREAT', KEYS[i], ARGV[b + 2])
    end
  end
end
return 0
