import {
  AppError,
  addDays,
  businessDayOf,
  businessDayStart,
  explainProgress,
  refundReversal,
  type BusinessCalendar,
  type MeResponse,
  type ProgramRules,
  type TierRule,
  type TierState,
  type TierView,
} from '@mc/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import { tokenHash } from '../auth/bearer-tokens'
import { memberIdForToken, openSessionMember } from '../auth/shopper-token'
import { programAt, publishedProgram } from '../program/published-program'
import { tierView } from '../tiers/tier-view'
import { maskPhone } from './member-profile'
import { meRead, meReadBySession } from './me-read'
import { tierViews, type TierViews } from './me-view'

/**
 * The member with tier, progress and points, all derived from the ledgers and the published rules, from one
 * statement (me-read.ts) and the program of the version it names (kept in memory by version); the explanation is
 * computed here from them with the pure rules. me-read.test.ts checks it answers as the eight separate reads did.
 */
export async function getMe(db: Kysely<Database>, memberId: string, now: Date): Promise<MeResponse> {
  const read = await readMe(db, meRead, memberId, now)
  // An id naming no member: said so, with the error code the other member reads use.
  if (!read) throw new AppError('MEMBER_NOT_FOUND')
  return meResponse(read, now)
}

/**
 * `/api/me` for a bearer token in one statement, the session lookup included. A token naming no member session
 * (unknown, altered, a visitor's) takes the usual path, which answers the usual error; a revoked or expired
 * session is refused as the middleware would refuse it.
 */
export async function getMeForToken(db: Kysely<Database>, token: string, now: Date): Promise<MeResponse> {
  const read = await readMe(db, meReadBySession, tokenHash(token), now)
  if (!read) return getMe(db, await memberIdForToken(db, token, now), now)
  const { id, session_expires_at: expiresAt, session_revoked_at: revokedAt } = read.row
  if (expiresAt === undefined) throw new Error('the session read answered no session')
  openSessionMember({ member_id: id, expires_at: expiresAt, revoked_at: revokedAt ?? null }, now)
  return meResponse(read, now)
}

function meResponse({ row, rules, expiringBefore }: MeRead, now: Date): MeResponse {
  if (row.joined_at === null) throw new AppError('MEMBER_NOT_JOINED')
  const state: TierState =
    row.tier_key !== null
      ? { key: row.tier_key, validUntil: row.valid_until }
      : { key: rules.tiers[0].key, validUntil: null }
  const growth = row.growth ?? 0
  const points = row.points ?? 0
  const held = row.points_held ?? 0
  const atRiskGrowth = state.validUntil === null ? 0 : growthLapsingBy(row, state.validUntil, rules.calendar)
  const today = businessDayOf(now, rules.calendar)
  const progress = explainProgress(rules, { state, countedGrowth: growth, atRiskGrowth, today })
  const views = tierViews(rules)
  return {
    member: {
      id: row.id,
      nickname: row.nickname,
      phoneMasked: maskPhone(row.phone),
      joinedAt: row.joined_at,
      sourceOutlet: row.outlet_id ? { id: row.outlet_id, name: row.outlet_name as string } : null,
    },
    growth,
    tier: viewOf(progress.tier, views, rules),
    validUntil: state.validUntil,
    nextTier: progress.nextTier && viewOf(progress.nextTier, views, rules),
    growthNeeded: progress.growthNeeded,
    percent: progress.percent,
    pendingGrowth: pendingOrderGrowth(jsonRows(row.pending_orders)),
    atRiskGrowth,
    paths: progress.paths,
    retain: progress.retain,
    points: {
      balance: points,
      available: Math.max(0, points - held),
      held,
      debt: Math.max(0, -points),
      expiringSoon: Number(row.points_expiring ?? 0),
      expiringBefore: expiringBefore.toISOString(),
    },
    tiers: views.ladder,
  }
}

/**
 * The points horizon is a parameter of the statement and depends on the calendar, which is known only once the
 * statement has named the program version. So it is computed with the calendar this handle last saw, and the
 * statement run again in the rare case the version it names has another calendar (a publish changed it); the
 * first read on a handle asks for the program first.
 */
const lastCalendarByHandle = new WeakMap<object, BusinessCalendar>()

type MeRow = NonNullable<Awaited<ReturnType<typeof meReadBySession.takeFirst>>>
type MeRead = { row: MeRow; rules: ProgramRules; expiringBefore: Date }

async function readMe(
  db: Kysely<Database>,
  query: typeof meRead | typeof meReadBySession,
  key: string,
  now: Date,
): Promise<MeRead | undefined> {
  const handle = db.getExecutor().adapter
  let calendar = lastCalendarByHandle.get(handle) ?? (await publishedProgram(db)).rules.calendar
  for (;;) {
    const expiringBefore = businessDayStart(addDays(businessDayOf(now, calendar), 31), calendar)
    const row: MeRow | undefined = await query.takeFirst(db, {
      key,
      now: now.toISOString(),
      pointsBefore: expiringBefore.toISOString(),
    })
    if (!row) return undefined
    const { rules } =
      row.program_version === null ? await publishedProgram(db) : await programAt(db, Number(row.program_version))
    const sameCalendar =
      rules.calendar.timeZone === calendar.timeZone && rules.calendar.dayStartMinute === calendar.dayStartMinute
    lastCalendarByHandle.set(handle, rules.calendar)
    if (sameCalendar) return { row, rules, expiringBefore }
    calendar = rules.calendar
  }
}

// Module-level rather than closures in getMe: under tsx every named closure costs a defineProperty per request.
function viewOf(tier: TierRule, views: TierViews, rules: ProgramRules): TierView {
  return views.byKey.get(tier.key) ?? tierView(tier, rules)
}

/** Counted growth in lots lapsing by the start of the business day after `validUntil` (see me-read.ts). */
function growthLapsingBy(row: MeRow, validUntil: string, calendar: BusinessCalendar): number {
  const before = businessDayStart(addDays(validUntil, 1), calendar).toISOString()
  let total = Number(row.growth_lapsing_surely ?? 0)
  for (const lot of jsonRows(row.growth_lapsing_near)) {
    if ((lot.expires_at as string) <= before) total += Number(lot.total)
  }
  return total
}

/** Growth that paid orders will add once they complete, net of refunds so far. */
function pendingOrderGrowth(orders: { growth_earned: number; paid_fen: number; refunded_fen: number }[]): number {
  return orders.reduce(
    (sum, o) =>
      sum +
      o.growth_earned -
      refundReversal({ earned: o.growth_earned, paidFen: o.paid_fen, refundedBeforeFen: 0, refundFen: o.refunded_fen }),
    0,
  )
}

/** A JSON array column: PostgreSQL's driver parses it, SQLite's hands over the text. */
function jsonRows<T>(value: T[] | string): T[] {
  return typeof value === 'string' ? (JSON.parse(value) as T[]) : value
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
