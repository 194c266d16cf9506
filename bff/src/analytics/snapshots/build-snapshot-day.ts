import type { Kysely } from 'kysely'
import { roomForAggregates } from '../../db/long-statements'
import type { Database } from '../../db/schema'
import type { PublishedProgram } from '../../program/published-program'
import {
  snapshotBenefits,
  snapshotJoins,
  snapshotOutletsAndOrders,
  snapshotRedemptions,
  snapshotSignIns,
} from './activity-snapshot'
import { ledgerTotals, snapshotLedgerFlows } from './ledger-snapshot'
import { snapshotDay } from './snapshot-day-context'
import { snapshotTierMatrix, snapshotTierTiming } from './tier-history-snapshot'
import { growthQuantiles, snapshotTierOutlook } from './tier-outlook'
import { snapshotTierMembers, snapshotTierMoves } from './tier-snapshot'

/**
 * The per-day tables this module writes besides the `snapshot_days` header (member scoring writes segments, reach
 * and comparisons itself).
 */
export const snapshotDayTables = [
  'snapshot_tier_members',
  'snapshot_tier_moves',
  'snapshot_tier_matrix',
  'snapshot_tier_timing',
  'snapshot_ledger_flows',
  'snapshot_sign_in_streaks',
  'snapshot_benefits',
  'snapshot_redemptions',
  'snapshot_joins',
  'snapshot_outlet_days',
] as const

export interface BuildOptions {
  /** The nightly run of yesterday: fills the figures only today's state knows (see `SnapshotDay.nightly`). */
  nightly: boolean
  now: Date
  /** Called inside the transaction once the rows are written, before the header: the tests' crash point. */
  beforeHeader?: () => Promise<void>
}

/**
 * Builds one business day's snapshot in one transaction: its old rows go, every table is written again from the
 * ledgers and activity tables, and the header row goes in last. The header is what says the day is done, so a run
 * killed part-way leaves no header (its transaction rolls back) and the next run builds the day again from scratch.
 */
export async function buildSnapshotDay(
  db: Kysely<Database>,
  day: string,
  program: PublishedProgram,
  options: BuildOptions,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await roomForAggregates(trx)
    await trx.deleteFrom('snapshot_days').where('business_day', '=', day).execute()
    for (const table of snapshotDayTables) await trx.deleteFrom(table).where('business_day', '=', day).execute()
    const s = snapshotDay(trx, day, program, options.nightly)
    await snapshotTierMembers(s)
    await snapshotTierMoves(s)
    await snapshotTierMatrix(s)
    await snapshotTierTiming(s)
    if (s.nightly) await snapshotTierOutlook(s)
    await snapshotLedgerFlows(s)
    const ledgers = await ledgerTotals(s)
    const signIns = await snapshotSignIns(s)
    await snapshotBenefits(s)
    const redemptions = await snapshotRedemptions(s)
    const joins = await snapshotJoins(s)
    const orders = await snapshotOutletsAndOrders(s)
    const quantiles = s.nightly ? await growthQuantiles(s) : null
    await options.beforeHeader?.()
    await trx
      .insertInto('snapshot_days')
      .values({
        business_day: day,
        built_at: options.now.toISOString(),
        ...joins,
        ...ledgers,
        ...signIns,
        ...orders,
        ...redemptions,
        growth_quantiles: quantiles,
      })
      .execute()
  })
}
