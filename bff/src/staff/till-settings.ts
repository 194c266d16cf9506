import { TillSettings } from '@mc/shared'
import type { Kysely } from 'kysely'
import { audit } from '../audit/audit'
import type { Database } from '../db/schema'

const settingsId = 'default'

/** The till limits; a fresh install has no row and reads the defaults (¥5,000 a receipt, ¥20,000 a staff's day). */
export async function readTillSettings(db: Kysely<Database>): Promise<TillSettings> {
  const row = await db.selectFrom('till_settings').select('settings').where('id', '=', settingsId).executeTakeFirst()
  return TillSettings.parse(row ? JSON.parse(row.settings) : {})
}

/** Replaces both limits (the console edits them as one form) and audits the old and new values. */
export async function saveTillSettings(
  db: Kysely<Database>,
  settings: TillSettings,
  actor: string,
  now: Date,
): Promise<TillSettings> {
  const parsed = TillSettings.parse(settings)
  await db.transaction().execute(async (trx) => {
    const before = await readTillSettings(trx)
    const values = { settings: JSON.stringify(parsed), updated_by: actor, updated_at: now.toISOString() }
    await trx
      .insertInto('till_settings')
      .values({ id: settingsId, ...values })
      .onConflict((oc) => oc.column('id').doUpdateSet(values))
      .execute()
    await audit(trx, {
      actor,
      action: 'till.settings.update',
      targetType: 'till_settings',
      targetId: settingsId,
      detail: { before, after: parsed },
      now,
    })
  })
  return parsed
}
