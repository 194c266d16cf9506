import type { RateLimitCounter } from '../deps'

/** One bucket a call is counted in, and the most hits its window allows. */
export interface BucketLimit {
  bucket: string
  max: number
}

/** A call past a bucket's limit: when that bucket's window ends. */
export interface RateLimitRefusal {
  resetsAtMs: number
}

/**
 * A counter that counts a call's buckets in one go (one statement, transaction or script) instead of one hit per
 * bucket: in order, stopping at the first bucket past its limit, so the buckets after it are not used up.
 */
export interface MultiBucketCounter {
  hitInOrder(buckets: BucketLimit[], windowMs: number, now: Date): Promise<RateLimitRefusal | null>
}

const isMulti = (counter: RateLimitCounter): counter is RateLimitCounter & MultiBucketCounter =>
  typeof (counter as Partial<MultiBucketCounter>).hitInOrder === 'function'

/** Counts `buckets` in order on any counter; a plain counter (one `hit` per bucket) is asked bucket by bucket. */
export async function hitBuckets(
  counter: RateLimitCounter,
  buckets: BucketLimit[],
  windowMs: number,
  now: Date,
): Promise<RateLimitRefusal | null> {
  if (isMulti(counter)) return counter.hitInOrder(buckets, windowMs, now)
  for (const { bucket, max } of buckets) {
    const { hits, resetsAtMs } = await counter.hit(bucket, windowMs, now)
    if (hits > max) return { resetsAtMs }
  }
  return null
}
