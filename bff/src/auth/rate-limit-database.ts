import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/schema'
import type { RateLimitCounter } from '../deps'

/**
 * Counters in the `rate_limits` table. One upsert counts the hit and reads the result: PostgreSQL takes the row's
 * lock for ON CONFLICT DO UPDATE and SQLite holds its one write lock, so concurrent hits from any number of
 * instances each see a different count and none is lost. A window that has ended starts again at 1.
 */
export function databaseRateLimitCounter(db: Kysely<Database>): RateLimitCounter {
  return {
    async hit(bucket, windowMs, now) {
      const nowIso = now.toISOString()
      const freshReset = new Date(now.getTime() + windowMs).toISOString()
      const row = await db
        .insertInto('rate_limits')
        .values({ bucket, hits: 1, resets_at: freshReset })
        .onConflict((oc) =>
          oc.column('bucket').doUpdateSet({
            hits: sql<number>`case when rate_limits.resets_at <= ${nowIso} then 1 else rate_limits.hits + 1 end`,
            resets_at: sql<string>`case when rate_limits.resets_at <= ${nowIso} then ${freshReset}
              else rate_limits.resets_at end`,
          }),
        )
        .returning(['hits', 'resets_at'])
        .executeTakeFirstOrThrow()
      return { hits: Number(row.hits), resetsAtMs: Date.parse(row.resets_at) }
    },
  }
}

/** Drops counters whose window ended before `before`; a bucket that comes back simply starts a new row. */
export async function pruneRateLimits(db: Kysely<Database>, before: Date): Promise<number> {
  const result = await db.deleteFrom('rate_limits').where('resets_at', '<', before.toISOString()).executeTakeFirst()
  return Number(result.numDeletedRows)
}
