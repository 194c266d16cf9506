import {
  addDays,
  businessDayOf,
  businessDayStart,
  type GrowthSourceKind,
  type MemberReplay,
  type ProgramRules,
} from '@mc/shared'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/schema'

/** Ledger entry kinds that a growth source produced, and the source that would re-award them under a draft. */
const eventKinds: Record<string, GrowthSourceKind> = {
  sign_in: 'signIn',
  share: 'share',
  review: 'review',
  profile_completed: 'profileCompleted',
  first_order: 'firstOrder',
  task: 'task',
}

/**
 * Every member's history reduced to what a replay needs, in four set-based queries, so a draft can be judged
 * against 100,000 members interactively. Orders are re-earned under the draft's order rule inside the draft's
 * window (per-order rounding kept, order daily caps not applied); other earning events are counted and
 * re-awarded; opening balances and manual adjustments count as they are.
 */
export async function collectMemberReplays(
  db: Kysely<Database>,
  draft: ProgramRules,
  now: Date,
): Promise<MemberReplay[]> {
  const windowStart = businessDayStart(
    addDays(businessDayOf(now, draft.calendar), -draft.growth.windowDays + 1),
    draft.calendar,
  ).toISOString()
  // Inlined as literals (they are validated whole numbers): SQLite binds JS numbers as REAL, which would turn
  // the integer division below into a fractional one.
  const { base, weightPercent } = draft.growth.sources.order
  const counted =
    draft.growth.creditOn === 'paid'
      ? sql`o.paid_at >= ${windowStart}`
      : sql`o.status = 'completed' and o.completed_at >= ${windowStart}`
  const [tiers, orders, events, fixed] = await Promise.all([
    sql<{ member_id: string; tier_key: string; balance: number | null }>`
      select t.member_id, t.tier_key, a.balance from member_tiers t
      left join ledger_accounts a on a.member_id = t.member_id and a.ledger = 'growth'`.execute(db),
    sql<{ member_id: string; growth: number }>`
      select o.member_id,
        sum(cast(o.paid_fen - o.refunded_fen as bigint) * ${sql.lit(base)} * ${sql.lit(weightPercent)} / 10000)
          as growth
      from orders o where ${counted} group by o.member_id`.execute(db),
    sql<{ member_id: string; kind: string; n: number }>`
      select member_id, kind, count(*) as n from ledger_entries
      where ledger = 'growth' and amount > 0 and occurred_at >= ${windowStart}
        and kind in (${sql.join(Object.keys(eventKinds))})
      group by member_id, kind`.execute(db),
    sql<{ member_id: string; growth: number }>`
      select member_id, sum(amount) as growth from ledger_entries
      where ledger = 'growth' and occurred_at >= ${windowStart} and kind in ('opening', 'adjustment')
      group by member_id`.execute(db),
  ])
  const replays = new Map<string, MemberReplay>()
  for (const row of tiers.rows) {
    replays.set(row.member_id, {
      currentTierKey: row.tier_key,
      countedGrowth: Number(row.balance ?? 0),
      orderGrowth: 0,
      eventCounts: {},
      fixedGrowth: 0,
    })
  }
  for (const row of orders.rows) {
    const replay = replays.get(row.member_id)
    if (replay) replay.orderGrowth = Number(row.growth)
  }
  for (const row of events.rows) {
    const replay = replays.get(row.member_id)
    if (replay) replay.eventCounts[eventKinds[row.kind]] = Number(row.n)
  }
  for (const row of fixed.rows) {
    const replay = replays.get(row.member_id)
    if (replay) replay.fixedGrowth = Number(row.growth)
  }
  return [...replays.values()]
}
