import {
  AppError,
  addDays,
  businessDayOf,
  businessDayStart,
  explainProgress,
  refundReversal,
  type MeResponse,
  type PointsSummary,
} from '@mc/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import { accountBalances } from '../ledger/accounts'
import { publishedProgram } from '../program/published-program'
import { findMember, memberProfile } from './member-profile'
import { memberTierState } from '../tiers/member-tier'
import { tierView } from '../tiers/tier-view'

/** The member with tier, progress and points, all derived from the ledgers and the published rules. */
export async function getMe(db: Kysely<Database>, memberId: string, now: Date): Promise<MeResponse> {
  const row = await findMember(db, memberId)
  if (row.joined_at === null) throw new AppError('MEMBER_NOT_JOINED')
  const program = await publishedProgram(db)
  const { rules } = program
  const state = await memberTierState(db, memberId, program)
  const balances = await accountBalances(db, memberId)
  const atRiskGrowth =
    state.validUntil === null
      ? 0
      : await lotsLapsingBefore(
          db,
          memberId,
          'growth',
          now,
          businessDayStart(addDays(state.validUntil, 1), rules.calendar),
        )
  const progress = explainProgress(rules, { state, countedGrowth: balances.growth, atRiskGrowth })
  return {
    member: await memberProfile(db, row),
    growth: balances.growth,
    tier: tierView(progress.tier, rules),
    validUntil: state.validUntil,
    nextTier: progress.nextTier && tierView(progress.nextTier, rules),
    growthNeeded: progress.growthNeeded,
    percent: progress.percent,
    pendingGrowth: await pendingOrderGrowth(db, memberId),
    atRiskGrowth,
    paths: progress.paths,
    retain: progress.retain,
    points: await pointsSummary(db, memberId, balances, now, rules.calendar),
    tiers: rules.tiers.map((tier) => tierView(tier, rules)),
  }
}

/** Growth that paid orders will add once they complete, net of refunds so far. */
async function pendingOrderGrowth(db: Kysely<Database>, memberId: string): Promise<number> {
  const orders = await db
    .selectFrom('orders')
    .select(['growth_earned', 'paid_fen', 'refunded_fen'])
    .where('member_id', '=', memberId)
    .where('growth_entry_id', 'is', null)
    .where('status', '=', 'paid')
    .execute()
  return orders.reduce(
    (sum, o) =>
      sum +
      o.growth_earned -
      refundReversal({ earned: o.growth_earned, paidFen: o.paid_fen, refundedBeforeFen: 0, refundFen: o.refunded_fen }),
    0,
  )
}

export async function lotsLapsingBefore(
  db: Kysely<Database>,
  memberId: string,
  ledger: 'growth' | 'points',
  now: Date,
  before: Date,
) {
  const row = await db
    .selectFrom('ledger_lots')
    .select((eb) => eb.fn.sum<number>('remaining').as('total'))
    .where('member_id', '=', memberId)
    .where('ledger', '=', ledger)
    .where('remaining', '>', 0)
    .where('expires_at', '>', now.toISOString())
    .where('expires_at', '<=', before.toISOString())
    .executeTakeFirst()
  return Number(row?.total ?? 0)
}

async function pointsSummary(
  db: Kysely<Database>,
  memberId: string,
  balances: { points: number; pointsHeld: number },
  now: Date,
  calendar: { timeZone: string; dayStartMinute: number },
): Promise<PointsSummary> {
  const expiringBefore = businessDayStart(addDays(businessDayOf(now, calendar), 31), calendar)
  return {
    balance: balances.points,
    available: Math.max(0, balances.points - balances.pointsHeld),
    held: balances.pointsHeld,
    debt: Math.max(0, -balances.points),
    expiringSoon: await lotsLapsingBefore(db, memberId, 'points', now, expiringBefore),
    expiringBefore: expiringBefore.toISOString(),
  }
}
