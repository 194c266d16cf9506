import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { createDraft, findDraft, patchDraft } from '../../program-drafts/program-drafts'
import { publishRules } from '../../program-drafts/publish-draft'
import { publishedProgram } from '../../program/published-program'
import { createMallItem } from '../../mall/mall-items'
import { demoMallItems } from '../demo-mall-items'
import { demoStores } from '../demo-outlets'

/** The three stores of the demo year: the two the short demo has, and a third that opened with the program. */
export const historyOutlets = demoStores

/** The stores and the mall as they stood when the program opened. */
export async function openShop(db: Kysely<Database>, openedAt: Date): Promise<Map<string, string>> {
  const createdAt = openedAt.toISOString()
  await db
    .insertInto('outlets')
    .values(historyOutlets.map((o) => ({ ...o, created_at: createdAt })))
    .onConflict((oc) => oc.column('id').doNothing())
    .execute()
  const items = new Map<string, string>()
  for (const item of demoMallItems) items.set(item.title, (await createMallItem(db, 'system', item, openedAt)).id)
  return items
}

/**
 * The demo program opened with the first day of its history: version 1, which `prepareDatabase` published a moment
 * ago on this fresh install, is dated back to then so the version history reads in order. Only the untouched
 * install's lone system version is moved.
 */
export async function dateFirstVersion(db: Kysely<Database>, openedAt: Date): Promise<void> {
  const versions = await db.selectFrom('program_versions').select(['version', 'published_by']).execute()
  if (versions.length !== 1 || versions[0].published_by !== 'system') return
  await db
    .updateTable('program_versions')
    .set({ published_at: openedAt.toISOString() })
    .where('version', '=', versions[0].version)
    .execute()
}

/**
 * A rule change part-way through the year, made the way an operator makes it (draft, edit, publish): 白银 opens at
 * 400 growth instead of 500, so members between the two go up on the day it is published (tier moves a publish
 * made), and points earned from then on lapse 180 days after earning, so the points economy has expiry and
 * breakage to show inside the year.
 */
export async function publishDemoRuleChange(db: Kysely<Database>, at: Date): Promise<void> {
  const actor = 'system'
  const draft = await createDraft(db, {}, actor, at)
  const { rules } = await publishedProgram(db)
  const tiers = rules.tiers.map((tier) =>
    tier.key === 'silver' ? { ...tier, threshold: 400, retainThreshold: 320 } : tier,
  )
  await patchDraft(db, draft.id, { tiers, points: { expiry: { kind: 'days_after_earning', days: 180 } } }, actor, at)
  const outcome = await publishRules(db, {
    rules: JSON.parse((await findDraft(db, draft.id)).rules),
    source: draft.id,
    template: null,
    note: '白银门槛降至 400 成长值；新积分 180 天有效',
    actor,
    now: at,
    // As the publish route does: the draft is claimed in the publishing transaction.
    beforePublish: async (trx) => {
      await trx
        .updateTable('program_drafts')
        .set({ status: 'published', updated_at: at.toISOString() })
        .where('id', '=', draft.id)
        .execute()
    },
  })
  await db
    .updateTable('program_drafts')
    .set({ published_version: outcome.version })
    .where('id', '=', draft.id)
    .execute()
}
