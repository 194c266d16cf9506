import {
  AppError,
  addDays,
  businessDayOf,
  businessDayStart,
  explainProgress,
  refundReversal,
  type BusinessCalendar,
  type MeResponse,
} from '@mc/shared'
import fc from 'fast-check'
import type { Kysely } from 'kysely'
import { describe, expect, it } from 'vitest'
import type { Database } from '../db/schema'
import { issueSession } from '../auth/member-sessions'
import { accountBalances } from '../ledger/accounts'
import { publishedProgram, publishProgramVersion } from '../program/published-program'
import { useTestApp } from '../test/test-app'
import { memberTierState } from '../tiers/member-tier'
import { tierView } from '../tiers/tier-view'
import { getMe, getMeForToken, lotsLapsingBefore } from './get-me'
import { meJson } from './me-json'
import { findMember, memberProfile } from './member-profile'

/** `/api/me` as it was read before me-read.ts, eight statements one after another: the reference. */
async function getMeByEightReads(db: Kysely<Database>, memberId: string, now: Date): Promise<MeResponse> {
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
  const today = businessDayOf(now, rules.calendar)
  const progress = explainProgress(rules, { state, countedGrowth: balances.growth, atRiskGrowth, today })
  const orders = await db
    .selectFrom('orders')
    .select(['growth_earned', 'paid_fen', 'refunded_fen'])
    .where('member_id', '=', memberId)
    .where('growth_entry_id', 'is', null)
    .where('status', '=', 'paid')
    .execute()
  const pendingGrowth = orders.reduce(
    (sum, o) =>
      sum +
      o.growth_earned -
      refundReversal({ earned: o.growth_earned, paidFen: o.paid_fen, refundedBeforeFen: 0, refundFen: o.refunded_fen }),
    0,
  )
  const expiringBefore = businessDayStart(addDays(businessDayOf(now, rules.calendar), 31), rules.calendar)
  return {
    member: await memberProfile(db, row),
    growth: balances.growth,
    tier: tierView(progress.tier, rules),
    validUntil: state.validUntil,
    nextTier: progress.nextTier && tierView(progress.nextTier, rules),
    growthNeeded: progress.growthNeeded,
    percent: progress.percent,
    pendingGrowth,
    atRiskGrowth,
    paths: progress.paths,
    retain: progress.retain,
    points: {
      balance: balances.points,
      available: Math.max(0, balances.points - balances.pointsHeld),
      held: balances.pointsHeld,
      debt: Math.max(0, -balances.points),
      expiringSoon: await lotsLapsingBefore(db, memberId, 'points', now, expiringBefore),
      expiringBefore: expiringBefore.toISOString(),
    },
    tiers: rules.tiers.map((tier) => tierView(tier, rules)),
  }
}

/** Where a lot's expiry sits: near now, the points horizon or the tier's validity end, give or take `deltaMs`. */
const pivot = fc.constantFrom('now', 'points', 'validity', 'validity', 'none')
const deltaMs = fc.oneof(
  { arbitrary: fc.constantFrom(-1, 0, 0, 1, -3_600_000, 3_600_000), weight: 2 },
  { arbitrary: fc.integer({ min: -5 * 86_400_000, max: 5 * 86_400_000 }), weight: 1 },
)
const lot = fc.record({
  ledger: fc.constantFrom('growth' as const, 'points' as const),
  amount: fc.integer({ min: 1, max: 500 }),
  spentPercent: fc.constantFrom(0, 0, 50, 100),
  pivot,
  deltaMs,
})
const order = fc.record({
  status: fc.constantFrom('paid' as const, 'completed' as const),
  credited: fc.boolean(),
  growthEarned: fc.integer({ min: 0, max: 800 }),
  paidFen: fc.integer({ min: 0, max: 90_000 }),
  refundedPercent: fc.constantFrom(0, 0, 33, 100, 120),
})
const member = fc.record({
  joined: fc.constantFrom(true, true, true, false),
  fromOutlet: fc.boolean(),
  tier: fc.option(
    fc.record({ rank: fc.nat(3), validForDays: fc.option(fc.integer({ min: -3, max: 400 }), { freq: 5 }) }),
    { freq: 5 },
  ),
  growth: fc.option(fc.integer({ min: 0, max: 3000 })),
  points: fc.option(
    fc.record({ balance: fc.integer({ min: -300, max: 3000 }), held: fc.integer({ min: 0, max: 400 }) }),
  ),
  lots: fc.array(lot, { maxLength: 8 }),
  orders: fc.array(order, { maxLength: 4 }),
  nowMs: fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2028, 0, 1) }),
})

// Calendars whose day starts fall on every side of UTC midnight, with and without daylight saving.
const calendars: BusinessCalendar[] = [
  { timeZone: 'Asia/Shanghai', dayStartMinute: 0 },
  { timeZone: 'America/New_York', dayStartMinute: 23 * 60 + 30 },
  { timeZone: 'Australia/Lord_Howe', dayStartMinute: 4 * 60 },
  { timeZone: 'Pacific/Kiritimati', dayStartMinute: 1439 },
  { timeZone: 'Pacific/Pago_Pago', dayStartMinute: 0 },
]

describe('the /api/me read in one statement', () => {
  const t = useTestApp({}, { verifyLedgers: false })
  let serial = 0

  async function insertMember(m: typeof member extends fc.Arbitrary<infer M> ? M : never, now: Date) {
    serial += 1
    const id = `mbr_me_${serial}`
    const { rules, version } = await publishedProgram(t.db)
    const at = now.toISOString()
    await t.db
      .insertInto('members')
      .values({
        id,
        openid: null,
        unionid: null,
        phone: `1380000${String(serial).padStart(4, '0')}`,
        nickname: `m${serial}`,
        joined_at: m.joined ? at : null,
        source_outlet_id: m.fromOutlet ? 'out_me' : null,
        source_channel: m.fromOutlet ? 'outlet_qr' : null,
        birthday: null,
        created_at: at,
      })
      .execute()
    const today = businessDayOf(now, rules.calendar)
    const validUntil =
      m.tier && m.tier.validForDays !== null && m.tier.rank > 0 ? addDays(today, m.tier.validForDays) : null
    if (m.tier) {
      const tier = rules.tiers[Math.min(m.tier.rank, rules.tiers.length - 1)]
      await t.db
        .insertInto('member_tiers')
        .values({ member_id: id, tier_key: tier.key, valid_until: validUntil, since: at, rule_version: version })
        .execute()
    }
    if (m.growth !== null) {
      await t.db
        .insertInto('ledger_accounts')
        .values({ member_id: id, ledger: 'growth', balance: m.growth, held: 0, version: 0 })
        .execute()
    }
    if (m.points !== null) {
      await t.db
        .insertInto('ledger_accounts')
        .values({ member_id: id, ledger: 'points', balance: m.points.balance, held: m.points.held, version: 0 })
        .execute()
    }
    const pivots = {
      now: now.getTime(),
      points: businessDayStart(addDays(today, 31), rules.calendar).getTime(),
      validity: validUntil ? businessDayStart(addDays(validUntil, 1), rules.calendar).getTime() : now.getTime(),
    }
    for (const [i, l] of m.lots.entries()) {
      const entryId = `pte_me_${serial}_${i}`
      await t.db
        .insertInto('ledger_entries')
        .values({
          id: entryId,
          member_id: id,
          ledger: l.ledger,
          amount: l.amount,
          kind: 'adjustment',
          reason: 'me-read spec',
          actor: 'system',
          actor_id: null,
          ref_type: null,
          ref_id: null,
          idempotency_key: null,
          reverses_entry_id: null,
          corrects_entry_id: null,
          lot_id: null,
          rule_version: version,
          balance_after: l.amount,
          account_version: i + 1,
          business_day: today,
          occurred_at: at,
          created_at: at,
        })
        .execute()
      await t.db
        .insertInto('ledger_lots')
        .values({
          id: `lot_me_${serial}_${i}`,
          member_id: id,
          ledger: l.ledger,
          entry_id: entryId,
          amount: l.amount,
          remaining: l.amount - Math.floor((l.amount * l.spentPercent) / 100),
          expires_at: l.pivot === 'none' ? null : new Date(pivots[l.pivot] + l.deltaMs).toISOString(),
          created_at: at,
        })
        .execute()
    }
    for (const [i, o] of m.orders.entries()) {
      await t.db
        .insertInto('orders')
        .values({
          order_id: `ord_me_${serial}_${i}`,
          member_id: id,
          status: o.status,
          paid_fen: o.paidFen,
          refunded_fen: Math.floor((o.paidFen * o.refundedPercent) / 100),
          growth_earned: o.growthEarned,
          points_earned: 0,
          growth_credited: o.credited ? o.growthEarned : 0,
          points_credited: 0,
          growth_entry_id: o.credited ? `pte_me_credited_${serial}_${i}` : null,
          points_entry_id: null,
          rule_version: version,
          outlet_id: null,
          source: 'online',
          paid_at: at,
          completed_at: o.status === 'completed' ? at : null,
        })
        .execute()
    }
    return id
  }

  /** What a read answers: its JSON text, or its error's class and code. */
  const outcome = (read: Promise<MeResponse>) =>
    read.then(
      (body) => JSON.stringify(body),
      (error: Error) => `${error.constructor.name} ${error instanceof AppError ? error.code : ''}`,
    )

  it.each(calendars.map((calendar, i) => [i, calendar] as const))(
    'answers byte for byte what the eight reads answered, for varied members (calendar %i: %j)',
    async (i, calendar) => {
      if (i === 0) await t.db.insertInto('outlets').values({ id: 'out_me', name: '南山店', created_at: 'x' }).execute()
      const { rules } = await publishedProgram(t.db)
      if (rules.calendar.timeZone !== calendar.timeZone || rules.calendar.dayStartMinute !== calendar.dayStartMinute) {
        await publishProgramVersion(t.db, {
          rules: { ...rules, calendar },
          template: null,
          note: null,
          publishedBy: 'me-read spec',
          now: new Date(),
        })
      }
      await fc.assert(
        fc.asyncProperty(member, async (m) => {
          const now = new Date(m.nowMs)
          const id = await insertMember(m, now)
          const expected = await outcome(getMeByEightReads(t.db, id, now))
          expect(await outcome(getMe(t.db, id, now))).toBe(expected)
          // The route's read, keyed by the session's token, answers the same.
          const { token } = await issueSession(t.db, id, now, 24)
          const byToken = getMeForToken(t.db, token, now)
          expect(await outcome(byToken)).toBe(expected)
          // The text the route sends, with the tiers' cached JSON spliced in, is the same answer.
          const answer = await byToken.catch(() => null)
          if (answer) expect(JSON.parse(meJson(answer))).toEqual(JSON.parse(expected))
        }),
        { numRuns: 60 },
      )
      // The eight reads failed on a missing row; the one read names the error.
      expect(await outcome(getMe(t.db, 'mbr_nobody', new Date()))).toBe('AppError MEMBER_NOT_FOUND')
    },
    60_000,
  )
})
