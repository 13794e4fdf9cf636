-- Reserve for several requests in one call (RedisQuotaEngine, through ScriptBatch): each reservation
-- across its counters all or nothing, one after the other, exactly as if each had its own call.
-- KEYS: the counters of every reservation in order; a string for a window, a sorted set of
-- reservation ids for concurrency.
-- ARGV, per reservation: id, now (ms, the engine's clock), concurrency lease (ms), hold count n; then
-- 4 per hold: 'w' or 'c', max, amount, window end (ms; unused for 'c').
-- Returns one number per reservation: 0 when admitted, else the 1-based index of its first hold that
-- would be exceeded (nothing of it is taken then).
local results = {}
local a = 1
local k = 0
while a <= #ARGV do
  local id = ARGV[a]
  local now = tonumber(ARGV[a + 1])
  local lease = tonumber(ARGV[a + 2])
  local n = tonumber(ARGV[a + 3])
  local first = a + 4
  local refused = 0
  for i = 1, n do
    local b = first + (i - 1) * 4
    local key = KEYS[k + i]
    local max = tonumber(ARGV[b + 1])
    local amount = tonumber(ARGV[b + 2])
    local cur
    if ARGV[b] == 'c' then
      redis.call('ZREMRANGEBYSCORE', key, '-inf', now)
      cur = redis.call('ZCARD', key)
    else
      cur = tonumber(redis.call('GET', key) or '0')
    end
    -- An estimate larger than the whole limit is admitted into an empty window (see HoldPlan.exceeds).
    if cur >= max or (cur > 0 and cur + amount > max) then
      refused = i
      break
    end
  end
  if refused == 0 then
    for i = 1, n do
      local b = first + (i - 1) * 4
      local key = KEYS[k + i]
      if ARGV[b] == 'c' then
        redis.call('ZADD', key, now + lease, id)
        redis.call('PEXPIRE', key, lease)
      else
        -- Every path that creates a window counter gives it its expiry, so only a new one needs it.
        local amount = tonumber(ARGV[b + 2])
        if redis.call('INCRBY', key, ARGV[b + 2]) == amount then
          redis.call('PEXPIREAT', key, ARGV[b + 3])
        end
      end
    end
  end
  results[#results + 1] = refused
  a = first + n * 4
  k = k + n
end
return results
