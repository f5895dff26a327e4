-- A user's STOMP sessions, shared by every node: a sorted set of session ids, each scored by the
-- time (ms) its node's claim expires. Expiry is judged by Redis's clock, not the node's, so that a
-- node whose clock is ahead neither keeps its users online longer nor one behind drops them early.
-- KEYS[1]: the user's sessions. ARGV[1]: 'claim', 'drop' or 'count'; ARGV[2]: the session id
-- (claim, drop); ARGV[3]: how long a claim lasts, in ms (claim).
-- Returns {sessions live before the call, sessions live after it, Redis's time in ms}.
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', string.format('(%.0f', now))
local before = redis.call('ZCARD', KEYS[1])
local action = ARGV[1]
if action == 'claim' then
  local ttl = tonumber(ARGV[3])
  redis.call('ZADD', KEYS[1], string.format('%.0f', now + ttl), ARGV[2])
  -- The key lives as long as its latest claim: the sessions of a node that died leave nothing behind.
  if redis.call('PTTL', KEYS[1]) < ttl then
    redis.call('PEXPIRE', KEYS[1], ttl)
  end
elseif action == 'drop' then
  redis.call('ZREM', KEYS[1], ARGV[2])
elseif action ~= 'count' then
  return redis.error_reply('unknown action ' .. tostring(action))
end
return {before, redis.call('ZCARD', KEYS[1]), now}
