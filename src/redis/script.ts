/**
 * The one server-side script: every admission and every answer is one atomic step in Redis, on
 * Redis's clock (TIME), so processes on machines whose clocks disagree still share one timeline.
 *
 * The budget is a sliding log, not GCRA. A request holds a place from its admission until its answer
 * plus the window: Asana counts a request on arrival, somewhere between the two, so the answer is the
 * latest it can have counted, and a burst that arrives late still never overfills a window. GCRA keeps
 * one number (when the next start is due) and spaces starts evenly: it cannot see answers, so it
 * cannot wait for them, and it would not let a fresh budget go out at once as the in-memory limiter
 * does. The log holds at most the budget plus what is in flight: 1,500 entries for a paid token.
 *
 * Keys (one hash tag, so a cluster keeps them on one slot):
 *   KEYS[1], KEYS[2]  in-flight reads and writes: sorted sets of seq → lease expiry
 *   KEYS[3]           answered requests: seq → answer time (a lease that ran out counts as answered then)
 *   KEYS[4]           a hash: seq (counter), gen, lat (lesson began at), ans (answers since), cnt
 *                     (learned from nothing: late answers of that burst still count), req/win (the
 *                     learned budget), pause (no admission before)
 *
 * ARGV[1] = "admit": class (1 reads, 2 writes), cap (0: none), leaseMs, declared requests (0: none),
 *   declared windowMs, learns (1/0), wanted, forget-after windows, keepMs (log kept without a budget),
 *   keep (entries kept without a budget)
 *   → { granted, last seq granted, generation, waitMs, why (0 none, 1 slot, 2 budget, 3 pause) }
 *   Grants up to `wanted` in one step, in order: the caller hands them to its queue's oldest waiters.
 * ARGV[1] = "finish": class, seq, release (1/0), outcome (0 never sent, 1 no status, 2 answered,
 *   3 answered 429), generation it was admitted under, retryAfterMs (-1: none), learns, min sample,
 *   tighten, default retry-after ms
 *   → generation in force
 */
export const QUOTA_SCRIPT = `
if redis.replicate_commands then redis.replicate_commands() end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = KEYS[4]
local mine = KEYS[tonumber(ARGV[2])]

if ARGV[1] == 'finish' then
  local seq, outcome = ARGV[3], tonumber(ARGV[5])
  if ARGV[4] == '1' and redis.call('ZREM', mine, seq) == 1 and outcome > 0 then
    redis.call('ZADD', KEYS[3], now, seq)
  end
  local st = redis.call('HMGET', state, 'gen', 'cnt', 'req', 'ans', 'lat')
  local gen = tonumber(st[1]) or 0
  local ticketGen, retryAfter, learns = tonumber(ARGV[6]), tonumber(ARGV[7]), ARGV[8] == '1'
  if outcome == 2 and learns then
    if ticketGen == gen then
      redis.call('HINCRBY', state, 'ans', 1)
    elseif st[2] == '1' and ticketGen == gen - 1 then
      redis.call('HINCRBY', state, 'req', 1)
    end
  elseif outcome == 3 then
    if retryAfter >= 0 then
      local pause = tonumber(redis.call('HGET', state, 'pause')) or 0
      if now + retryAfter > pause then redis.call('HSET', state, 'pause', now + retryAfter) end
    end
    if learns and ticketGen == gen then
      local cnt = '0'
      if st[3] then
        redis.call('HSET', state, 'req', math.max(1, math.floor(tonumber(st[3]) * tonumber(ARGV[10]))))
      else
        local answered = tonumber(st[4]) or 0
        if answered < tonumber(ARGV[9]) then return gen end
        if retryAfter < 0 then retryAfter = tonumber(ARGV[11]) end
        redis.call('HSET', state, 'req', answered, 'win', math.max(1, now - (tonumber(st[5]) or now) + retryAfter))
        cnt = '1'
      end
      gen = gen + 1
      redis.call('HSET', state, 'gen', gen, 'lat', now, 'ans', 0, 'cnt', cnt)
    end
  end
  return gen
end

local cap, lease = tonumber(ARGV[3]), tonumber(ARGV[4])
local budget, window, learns = tonumber(ARGV[5]), tonumber(ARGV[6]), ARGV[7] == '1'
local wanted, forget = tonumber(ARGV[8]), tonumber(ARGV[9])
-- Leases that ran out: a process died or hung holding them. Their requests count as answered then.
for i = 1, 2 do
  local expired = redis.call('ZRANGEBYSCORE', KEYS[i], '-inf', now, 'WITHSCORES')
  for j = 1, #expired, 2 do redis.call('ZADD', KEYS[3], expired[j + 1], expired[j]) end
  if #expired > 0 then redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now) end
end
local st = redis.call('HMGET', state, 'gen', 'lat', 'req', 'win', 'pause')
local gen, lessonAt = tonumber(st[1]) or 0, tonumber(st[2])
if learns and st[3] then
  budget, window = tonumber(st[3]), tonumber(st[4])
  if now - lessonAt > window * forget then
    gen, budget = gen + 1, 0
    redis.call('HDEL', state, 'req', 'win')
    redis.call('HSET', state, 'gen', gen, 'lat', now, 'ans', 0, 'cnt', '0')
  end
end
local ttl = math.max(lease, window * forget, tonumber(ARGV[10])) + 60000
for i = 1, 4 do redis.call('PEXPIRE', KEYS[i], ttl) end
local pause = tonumber(st[5]) or 0
if now < pause then return { 0, 0, gen, pause - now, 3 } end

local active = 0
if budget > 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now - window)
  active = redis.call('ZCARD', KEYS[3]) + redis.call('ZCARD', KEYS[1]) + redis.call('ZCARD', KEYS[2])
else
  -- Kept for a budget learned later.
  redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now - tonumber(ARGV[10]))
  redis.call('ZREMRANGEBYRANK', KEYS[3], 0, -tonumber(ARGV[11]) - 1)
end
local inFlight = redis.call('ZCARD', mine)
local granted = 0
while granted < wanted and (cap == 0 or inFlight < cap) and (budget == 0 or active < budget) do
  granted, inFlight, active = granted + 1, inFlight + 1, active + 1
end
local last = 0
if granted > 0 then
  last = redis.call('HINCRBY', state, 'seq', granted)
  for seq = last - granted + 1, last do redis.call('ZADD', mine, now + lease, seq) end
  if not lessonAt then redis.call('HSET', state, 'lat', now) end
end
if granted == wanted then return { granted, last, gen, 0, 0 } end
if cap > 0 and inFlight >= cap then
  -- Until a slot is released, which the caller cannot know of; the oldest lease bounds it.
  local oldest = redis.call('ZRANGE', mine, 0, 0, 'WITHSCORES')
  return { granted, last, gen, math.max(1, tonumber(oldest[2]) - now), 1 }
end
-- Until enough places leave the window: answered ones leave a window after their answer; if in-flight
-- ones must leave too, not before a whole window from now.
local shed = active - budget + 1
local answered = redis.call('ZCARD', KEYS[3])
local wait = window
if shed <= answered then
  local entry = redis.call('ZRANGE', KEYS[3], shed - 1, shed - 1, 'WITHSCORES')
  wait = tonumber(entry[2]) + window - now
end
return { granted, last, gen, math.max(1, wait), 2 }
`;
