import { Redis } from 'ioredis'
import type { RateLimitCounter } from '../deps'
import type { MultiBucketCounter } from './rate-limit-buckets'

/**
 * INCR and, on the first hit of a window, PEXPIRE, run as one Lua script: Redis runs scripts one at a time, so
 * every instance's hits on a bucket are counted once each and the window cannot be left without an expiry.
 */
const hitScript = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {hits, ttl}
`

/**
 * The same for a call's buckets in order (KEYS), each with its limit (ARGV[2..]), in one script: it stops at the
 * first bucket past its limit, so later buckets are not used up, and answers that bucket's index and ttl, or 0.
 */
const hitInOrderScript = `
for i, key in ipairs(KEYS) do
  local hits = redis.call('INCR', key)
  if hits == 1 then redis.call('PEXPIRE', key, ARGV[1]) end
  local ttl = redis.call('PTTL', key)
  if ttl < 0 then redis.call('PEXPIRE', key, ARGV[1]); ttl = tonumber(ARGV[1]) end
  if hits > tonumber(ARGV[i + 1]) then return {i, ttl} end
end
return {0, 0}
`

export interface RedisRateLimitCounter extends RateLimitCounter, MultiBucketCounter {
  close(): Promise<void>
}

/**
 * Counters in Redis (REDIS_URL), for deployments that have one; the window is kept by Redis's own expiry, so
 * counters need no sweep. `prefix` keeps this app's keys apart from anything else in that Redis.
 */
export function redisRateLimitCounter(url: string, prefix = 'mc:rate:'): RedisRateLimitCounter {
  const redis = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2, enableOfflineQueue: true })
  return {
    async hit(bucket, windowMs, now) {
      const [hits, ttl] = (await redis.eval(hitScript, 1, prefix + bucket, String(windowMs))) as [number, number]
      return { hits: Number(hits), resetsAtMs: now.getTime() + Number(ttl) }
    },
    async hitInOrder(buckets, windowMs, now) {
      const keys = buckets.map((b) => prefix + b.bucket)
      const limits = buckets.map((b) => String(b.max))
      const [refused, ttl] = (await redis.eval(
        hitInOrderScript,
        keys.length,
        ...keys,
        String(windowMs),
        ...limits,
      )) as [number, number]
      return Number(refused) === 0 ? null : { resetsAtMs: now.getTime() + Number(ttl) }
    },
    async close() {
      await redis.quit()
    },
  }
}
