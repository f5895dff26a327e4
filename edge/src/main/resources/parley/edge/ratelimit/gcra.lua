-- GCRA (generic cell rate algorithm), the token bucket in one number: the key holds the
-- "theoretical arrival time" (TAT, in microseconds of the Redis clock) at which the bucket would be
-- full again. A request is allowed if, after adding one interval, the TAT is at most one period
-- ahead of now. Redis' own clock is used so that every node judges by the same time.
-- KEYS[1]: the bucket; ARGV[1]: requests per period; ARGV[2]: microseconds between requests.
-- Returns {allowed 1|0, remaining, retry-after ms, reset ms}.
local limit = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local period = interval * limit
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
local tat = tonumber(redis.call('GET', KEYS[1])) or now
if tat < now then
  tat = now
end
local next_tat = tat + interval
local allowed_at = next_tat - period
if now < allowed_at then
  return {0, 0, math.ceil((allowed_at - now) / 1000), math.ceil((tat - now) / 1000)}
end
-- The key lives until the bucket is full again: then its absence means the same thing.
redis.call('SET', KEYS[1], string.format('%.0f', next_tat), 'PX', math.ceil((next_tat - now) / 1000))
return {1, math.floor((now - allowed_at) / interval), 0, math.ceil((next_tat - now) / 1000)}
