-- Reserve across several counters, all or nothing (RedisQuotaEngine.reserve).
-- KEYS[i]: the counter of hold i: a string for a window, a sorted set of reservation ids for concurrency.
-- ARGV[1] now (ms, the engine's clock), ARGV[2] reservation id, ARGV[3] concurrency lease (ms);
-- then 4 per hold: 'w' or 'c', max, amount, window end (ms; unused for 'c').
-- Returns 0 when admitted, else the 1-based index of the first hold that would be exceeded.
local now = tonumber(ARGV[1])
local n = #KEYS
for i = 1, n do
  local b = 4 + (i - 1) * 4
  local max = tonumber(ARGV[b + 1])
  local amount = tonumber(ARGV[b + 2])
  local cur
  if ARGV[b] == 'c' then
    redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now)
    cur = redis.call('ZCARD', KEYS[i])
  else
    cur = tonumber(redis.call('GET', KEYS[i]) or '0')
  end
  -- An estimate larger than the whole limit is admitted into an empty window (see HoldPlan.exceeds).
  if cur >= max or (cur > 0 and cur + amount > max) then
    return i
  end
end
for i = 1, n do
  local b = 4 + (i - 1) * 4
  if ARGV[b] == 'c' then
    redis.call('ZADD', KEYS[i], now + tonumber(ARGV[3]), ARGV[2])
    redis.call('PEXPIRE', KEYS[i], ARGV[3])
  else
    redis.call('INCRBY', KEYS[i], ARGV[b + 2])
    redis.call('PEXPIREAT', KEYS[i], ARGV[b + 3])
  end
end
return 0
