import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../db/schema'

/**
 * Walks the members a sweep finds due, in member id order, `due(after)` returning the next batch of ids after
 * `after`; each batch is one transaction, so a failure rolls back only its batch and a re-run redoes it. The
 * counts each batch returns are added up into `total`, which is returned when no member is left.
 */
export async function sweepInBatches<Counts extends { [K in keyof Counts]: number }>(
  db: Kysely<Database>,
  total: Counts,
  due: (after: string) => Promise<string[]>,
  batch: (trx: Transaction<Database>, memberIds: string[]) => Promise<Counts>,
): Promise<Counts> {
  let after = ''
  for (;;) {
    const memberIds = await due(after)
    if (memberIds.length === 0) return total
    const counts = await db.transaction().execute((trx) => batch(trx, memberIds))
    for (const key of Object.keys(counts) as (keyof Counts)[]) {
      total[key] = (total[key] + counts[key]) as Counts[keyof Counts]
    }
    after = memberIds[memberIds.length - 1]
  }
}
