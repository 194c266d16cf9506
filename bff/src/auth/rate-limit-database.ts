import { sql, type Kysely, type OnConflictBuilder, type QueryCreator } from 'kysely'
import type { Database } from '../db/schema'
import { isPostgres } from '../db/engine'
import { preparedQuery } from '../db/prepared-query'
import type { RateLimitCounter } from '../deps'
import type { BucketLimit, MultiBucketCounter, RateLimitRefusal } from './rate-limit-buckets'

type Db = QueryCreator<Database>

/** What a hit does to a bucket that exists: an ended window starts again at 1, otherwise one more. */
function onHit(oc: OnConflictBuilder<Database, 'rate_limits'>, p: HitParams) {
  return oc.column('bucket').doUpdateSet({
    hits: sql<number>`case when rate_limits.resets_at <= ${p.nowIso} then 1 else rate_limits.hits + 1 end`,
    resets_at: sql<string>`case when rate_limits.resets_at <= ${p.nowIso} then ${p.freshReset}
      else rate_limits.resets_at end`,
  })
}

/** A hit's times: now, and when a window starting now ends. */
interface HitParams extends Record<string, unknown> {
  nowIso: string
  freshReset: string
}

const hitParams = (windowMs: number, now: Date): HitParams => ({
  nowIso: now.toISOString(),
  freshReset: new Date(now.getTime() + windowMs).toISOString(),
})

/** The hit's upsert: a new bucket starts at 1. */
function upsertHit(db: Db, p: HitParams & { bucket: string }) {
  return db
    .insertInto('rate_limits')
    .values({ bucket: p.bucket, hits: 1, resets_at: p.freshReset })
    .onConflict((oc) => onHit(oc, p))
}

// Every rate-limited call runs one of these, so they are built and compiled once (db/prepared-query.ts). Their
// parameter objects are slots read by name: pass fields one by one, never spread them.
const oneHit = preparedQuery<HitParams & { bucket: string }>()((db, p) =>
  upsertHit(db, p).returning(['hits', 'resets_at']),
)

/**
 * PostgreSQL: the first bucket (the client's address) and the second (the account) in one statement. The
 * account's upsert reads the first's count and runs only while that is within its limit.
 */
const twoHits = preparedQuery<HitParams & { first: string; firstMax: number; second: string }>()((db, p) =>
  db
    .with('first_hit', (qb) =>
      upsertHit(qb, { nowIso: p.nowIso, freshReset: p.freshReset, bucket: p.first }).returning([
        'bucket',
        'hits',
        'resets_at',
      ]),
    )
    .with('second_hit', (qb) =>
      qb
        .insertInto('rate_limits')
        .columns(['bucket', 'hits', 'resets_at'])
        .expression(
          qb
            .selectFrom('first_hit')
            .select([
              sql<string>`${p.second}`.as('bucket'),
              sql<number>`1`.as('hits'),
              sql<string>`${p.freshReset}`.as('resets_at'),
            ])
            .where('first_hit.hits', '<=', p.firstMax),
        )
        .onConflict((oc) => onHit(oc, p))
        .returning(['bucket', 'hits', 'resets_at']),
    )
    .selectFrom('first_hit')
    .select(['bucket', 'hits', 'resets_at'])
    .unionAll((eb) => eb.selectFrom('second_hit').select(['bucket', 'hits', 'resets_at'])),
)

/**
 * Counters in the `rate_limits` table. One upsert counts the hit and reads the result: PostgreSQL takes the row's
 * lock for ON CONFLICT DO UPDATE and SQLite holds its one write lock, so concurrent hits from any number of
 * instances each see a different count and none is lost. A window that has ended starts again at 1.
 */
export function databaseRateLimitCounter(db: Kysely<Database>): RateLimitCounter & MultiBucketCounter {
  return {
    async hit(bucket, windowMs, now) {
      const row = await oneHit.takeFirstOrThrow(db, { ...hitParams(windowMs, now), bucket })
      return { hits: Number(row.hits), resetsAtMs: Date.parse(row.resets_at) }
    },
    hitInOrder: (buckets, windowMs, now) =>
      isPostgres(db) ? hitInOneStatement(db, buckets, windowMs, now) : hitInOneTransaction(db, buckets, windowMs, now),
  }
}

const refusalOf = (row: { hits: number | string; resets_at: string }, max: number): RateLimitRefusal | null =>
  Number(row.hits) > max ? { resetsAtMs: Date.parse(row.resets_at) } : null

/**
 * SQLite: every bucket's upsert in one transaction, so the hits of a request cost one commit, and that commit
 * joins the group commit of the transactions around it (db/sqlite-immediate-dialect.ts) instead of forcing a disk
 * flush of its own, as a statement outside a transaction does. A refusal still commits: the refused hit counts.
 */
async function hitInOneTransaction(db: Kysely<Database>, buckets: BucketLimit[], windowMs: number, now: Date) {
  return db.transaction().execute(async (trx) => {
    for (const { bucket, max } of buckets) {
      const row = await oneHit.takeFirstOrThrow(trx, { ...hitParams(windowMs, now), bucket })
      const refusal = refusalOf(row, max)
      if (refusal) return refusal
    }
    return null
  })
}

/**
 * PostgreSQL: the first bucket (the client's address) and the second (the account) in one statement, one round
 * trip and one commit. The account's upsert reads the first's count and runs only while that is within its limit,
 * so an address already refused does not use up the account's allowance. Rows are locked in bucket order (the
 * address, then the account, in different key spaces), so two such statements cannot deadlock.
 */
async function hitInOneStatement(db: Kysely<Database>, buckets: BucketLimit[], windowMs: number, now: Date) {
  const [first, second] = buckets
  if (!first) return null
  if (!second || buckets.length > 2) {
    if (buckets.length > 2) throw new Error('at most two buckets are counted at once')
    const row = await oneHit.takeFirstOrThrow(db, { ...hitParams(windowMs, now), bucket: first.bucket })
    return refusalOf(row, first.max)
  }
  const rows = await twoHits.execute(db, {
    ...hitParams(windowMs, now),
    first: first.bucket,
    firstMax: first.max,
    second: second.bucket,
  })
  const firstRow = rows.find((row) => row.bucket === first.bucket)
  if (!firstRow) throw new Error(`rate limit bucket ${first.bucket} was not counted`)
  const secondRow = rows.find((row) => row.bucket === second.bucket)
  return refusalOf(firstRow, first.max) ?? (secondRow ? refusalOf(secondRow, second.max) : null)
}

/** Drops counters whose window ended before `before`; a bucket that comes back simply starts a new row. */
export async function pruneRateLimits(db: Kysely<Database>, before: Date): Promise<number> {
  const result = await db.deleteFrom('rate_limits').where('resets_at', '<', before.toISOString()).executeTakeFirst()
  return Number(result.numDeletedRows)
}
