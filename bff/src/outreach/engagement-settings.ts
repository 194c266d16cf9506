import { defaultEngagementSettings, EngagementSettings } from '@mc/shared'
import type { Kysely, Transaction } from 'kysely'
import { audit } from '../audit/audit'
import type { Database } from '../db/schema'

const settingsId = 'default'

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** `stored` laid over `defaults` object by object; arrays and scalars in `stored` replace the default whole. */
function mergeDeep(defaults: unknown, stored: unknown): unknown {
  if (!isPlainObject(defaults) || !isPlainObject(stored)) return stored === undefined ? defaults : stored
  const merged: Record<string, unknown> = { ...defaults }
  for (const [key, value] of Object.entries(stored)) merged[key] = mergeDeep(defaults[key], value)
  return merged
}

/**
 * The merchant's engagement settings. A fresh install has no row and reads the defaults; a stored document is laid
 * over the defaults field by field before parsing, so a journey or setting added in a later release takes its
 * default instead of failing every runner that reads the document.
 */
export async function readEngagementSettings(
  db: Kysely<Database> | Transaction<Database>,
): Promise<EngagementSettings> {
  const row = await db
    .selectFrom('engagement_settings')
    .select('settings')
    .where('id', '=', settingsId)
    .executeTakeFirst()
  return EngagementSettings.parse(mergeDeep(defaultEngagementSettings, row ? JSON.parse(row.settings) : {}))
}

/** Replaces the settings whole (the console edits them as one form) and audits the old and new values. */
export async function saveEngagementSettings(
  db: Kysely<Database> | Transaction<Database>,
  settings: EngagementSettings,
  actor: string,
  now: Date,
): Promise<EngagementSettings> {
  const parsed = EngagementSettings.parse(settings)
  const write = async (trx: Kysely<Database>) => {
    const before = await readEngagementSettings(trx)
    const values = { settings: JSON.stringify(parsed), updated_by: actor, updated_at: now.toISOString() }
    await trx
      .insertInto('engagement_settings')
      .values({ id: settingsId, ...values })
      .onConflict((oc) => oc.column('id').doUpdateSet(values))
      .execute()
    await audit(trx, {
      actor,
      action: 'engagement.settings.update',
      targetType: 'engagement_settings',
      targetId: settingsId,
      detail: { before, after: parsed },
      now,
    })
  }
  // A caller already in a transaction (e.g. a setup script) writes in it; a route gets its own.
  if (db.isTransaction) await write(db)
  else await db.transaction().execute(write)
  return parsed
}
