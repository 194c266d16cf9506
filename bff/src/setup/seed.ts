import { fmcgTemplate } from '@mc/shared'
import { demoStores } from './demo-outlets'
import type { Kysely } from 'kysely'
import { applyOrderEvent } from '../orders/apply-order-event'
import { publishedProgram, publishProgramVersion } from '../program/published-program'
import { createMallItem } from '../mall/mall-items'
import { demoMallItems } from './demo-mall-items'
import { demoJoinedDaysAgo, demoShoppers } from './demo-shoppers'
import { createOperator } from '../operators/manage-operators'
import type { Database } from '../db/schema'
import { insertDemoMember } from './demo-history/history-actions'
import { seedDemoHistory, type DemoHistoryOptions, type DemoJobs } from './demo-history/seed-demo-history'

/** Generated shoppers beside the three named ones: enough for tier distributions to mean something. */
export const demoCrowdSize = 150

/** Every install starts from the FMCG template as program version 1; merchants change it from there. */
export async function seedDefaults(db: Kysely<Database>, now: Date): Promise<void> {
  const existing = await db.selectFrom('program_versions').select('version').limit(1).execute()
  if (existing.length > 0) return
  await publishProgramVersion(db, {
    rules: fmcgTemplate,
    template: 'fmcg',
    note: '初始版本：快消品模板',
    publishedBy: 'system',
    now,
  })
}

export const demoOutlets = demoStores.slice(0, 2)

/**
 * Demo data for a first start: stores to join from and members whose orders went through the real order-event
 * pipeline, so balances, lots and tiers are exactly what the product would have produced, and a points mall
 * with one item of each kind. Runs only on an empty members table. `history` (what `npm start` passes: the daily
 * and insights jobs to run each simulated night) lives fourteen months of a three-store program instead, so the
 * insights reports have a year to show; without it (browser tests, specs) the shoppers all join today, which is
 * quick and keeps their numbers small and known.
 */
export async function seedDemo(
  db: Kysely<Database>,
  now: Date,
  options: { history?: DemoJobs & DemoHistoryOptions } = {},
): Promise<boolean> {
  const anyMember = await db.selectFrom('members').select('id').limit(1).execute()
  if (anyMember.length > 0) return false
  if (options.history) await seedDemoHistory(db, now, options.history, options.history)
  else await seedDemoToday(db, now)
  await createDemoOwner(db, now)
  return true
}

/**
 * The short demo: the named shoppers and a crowd with their orders of the last ten months, each joined a month
 * before their first order (as in the demo year), so the sign-in calendar's missed days are theirs to make up.
 */
async function seedDemoToday(db: Kysely<Database>, now: Date): Promise<void> {
  const createdAt = now.toISOString()
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('outlets')
      .values(demoOutlets.map((o) => ({ ...o, created_at: createdAt })))
      .onConflict((oc) => oc.column('id').doNothing())
      .execute()
    const program = await publishedProgram(trx)
    for (const [m, member] of demoShoppers(demoCrowdSize).entries()) {
      const id = await insertDemoMember(
        trx,
        member,
        program,
        new Date(now.getTime() - demoJoinedDaysAgo(member) * 86_400_000),
      )
      for (const [o, { amountFen, daysAgo }] of member.orders.entries()) {
        const occurredAt = new Date(now.getTime() - daysAgo * 86_400_000).toISOString()
        const orderId = `demo-${m + 1}-${o + 1}`
        const ctx = { trx, program, now, source: 'online' as const }
        for (const type of ['order.paid', 'order.completed'] as const) {
          await applyOrderEvent(ctx, {
            id: `evt_${orderId}_${type}`,
            type,
            occurredAt,
            data: { orderId, member: { memberId: id }, amountFen },
          })
        }
      }
    }
  })
  for (const item of demoMallItems) await createMallItem(db, 'system', item, now)
}

/** The console login `npm start` prints: a known password is a demo's convenience, so it is never seeded elsewhere. */
export const demoOwner = { login: 'owner', password: 'demo-owner-2026', name: '演示店主' } as const

async function createDemoOwner(db: Kysely<Database>, now: Date) {
  const { operator } = await createOperator(
    db,
    { login: demoOwner.login, name: demoOwner.name, role: 'owner', outletId: null },
    { actor: 'system', now },
    demoOwner.password,
  )
  await db.updateTable('operators').set({ must_change_password: 0 }).where('id', '=', operator.id).execute()
}
