import { InsightSettings } from '@mc/shared'
import type { Kysely } from 'kysely'
import { audit } from '../audit/audit'
import type { Database } from '../db/schema'

const settingsId = 'default'

/**
 * The merchant's insight settings. A fresh install has no row and reads the defaults; a stored row is parsed
 * through the same schema, so a field added later takes its default instead of failing the nightly job.
 */
export async function readInsightSettings(db: Kysely<Database>): Promise<InsightSettings> {
  const row = await db.selectFrom('insight_settings').select('settings').where('id', '=', settingsId).executeTakeFirst()
  return InsightSettings.parse(row ? JSON.parse(row.settings) : {})
}

/** Replaces the settings whole (the console edits them as one form) and audits the old and new values. */
export async function saveInsightSettings(
  db: Kysely<Database>,
  settings: InsightSettings,
  actor: string,
  now: Date,
): Promise<InsightSettings> {
  const parsed = InsightSettings.parse(settings)
  await db.transaction().execute(async (trx) => {
    const before = await readInsightSettings(trx)
    const values = { settings: JSON.stringify(parsed), updated_by: actor, updated_at: now.toISOString() }
    await trx
      .insertInto('insight_settings')
      .values({ id: settingsId, ...values })
      .onConflict((oc) => oc.column('id').doUpdateSet(values))
      .execute()
    await audit(trx, {
      actor,
      action: 'insights.settings.update',
      targetType: 'insight_settings',
      targetId: settingsId,
      detail: { before, after: parsed },
      now,
    })
  })
  return parsed
}
