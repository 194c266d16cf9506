import { businessDayOf, newId } from '@mc/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import { publishedProgram } from '../program/published-program'

/**
 * Counts one lookup of a store's signed join-QR scene: the top of the store funnel (insights). Called only once the
 * signature checked out and the store exists, so a forged or altered scene records nothing.
 */
export async function recordSceneScan(db: Kysely<Database>, outletId: string, now: Date): Promise<void> {
  const { rules } = await publishedProgram(db)
  await db
    .insertInto('outlet_scene_scans')
    .values({
      id: newId('scn', now.getTime()),
      outlet_id: outletId,
      business_day: businessDayOf(now, rules.calendar),
      created_at: now.toISOString(),
    })
    .execute()
}
