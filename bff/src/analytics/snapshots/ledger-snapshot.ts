import { addDays, businessDayStart } from '@mc/shared'
import { sql } from 'kysely'
import { num, type SnapshotDay } from './snapshot-day-context'

/** The day-end balances of both ledgers as the header row keeps them. */
export interface LedgerTotals {
  points_outstanding: number
  points_liability: number
  points_debt: number
  debtors: number
  points_held: number
  points_expiring_next_month: number | null
  growth_outstanding: number
}

/**
 * The entries posted during the day (by the instant written, not the business day they are dated: a make-up's
 * reward is dated the missed day and a late order webhook the day it was paid, and either would otherwise land on a
 * day already snapshotted and be counted nowhere), summed by ledger, source and flow. A reversal (or partial
 * correction) counts under the kind of the entry it corrects, so a refunded mall redemption lowers "spent" instead
 * of adding to "issued"; a reversal of a reversal is followed one more step. Every entry falls in exactly one flow,
 * so the flows of a day add up to the change of the sum of balances over it.
 */
export async function snapshotLedgerFlows(s: SnapshotDay): Promise<void> {
  await sql`
    insert into snapshot_ledger_flows (business_day, ledger, source_kind, flow, amount, entries)
    select ${s.day}, ledger, source_kind,
      case source_kind when 'redeem' then 'spent' when 'expiry' then 'expired' when 'refund' then 'clawed_back'
        else 'issued' end,
      sum(amount), count(*)
    from (
      select e.ledger, e.amount,
        case when e.kind <> 'reversal' then e.kind
          when o.kind is null then 'reversal'
          when o.kind <> 'reversal' then o.kind
          else coalesce(oo.kind, 'reversal') end as source_kind
      from ledger_entries e
      left join ledger_entries o on e.kind = 'reversal' and o.id = coalesce(e.reverses_entry_id, e.corrects_entry_id)
      left join ledger_entries oo on o.kind = 'reversal' and oo.id = coalesce(o.reverses_entry_id, o.corrects_entry_id)
      where e.created_at >= ${s.startsAt} and e.created_at < ${s.endsAt}
    ) flows
    group by ledger, source_kind`.execute(s.trx)
}

/**
 * Balances at the end of the day: today's balances less what was posted after it, member by member, so the
 * liability (positive balances) and the debt (negative ones, from refund clawbacks) are each right, not just their
 * net. Posting instants are immutable, so a day rebuilt later gets the same figures.
 */
export async function ledgerTotals(s: SnapshotDay): Promise<LedgerTotals> {
  // The later entries are read first, through their posting-time index: left to itself, SQLite would group every
  // entry by member through the account index to skip a sort, reading the whole ledger to find today's few rows.
  const { rows } = await sql<Record<string, unknown>>`
    with later_entries as materialized (
      select member_id, ledger, amount from ledger_entries where created_at >= ${s.endsAt}
    )
    select a.ledger,
      sum(a.balance - coalesce(l.later, 0)) as outstanding,
      sum(case when a.balance - coalesce(l.later, 0) > 0 then a.balance - coalesce(l.later, 0) else 0 end) as positive,
      sum(case when a.balance - coalesce(l.later, 0) < 0 then coalesce(l.later, 0) - a.balance else 0 end) as negative,
      sum(case when a.balance - coalesce(l.later, 0) < 0 then 1 else 0 end) as debtors
    from ledger_accounts a
    left join (
      select member_id, ledger, sum(amount) as later from later_entries group by member_id, ledger
    ) l on l.member_id = a.member_id and l.ledger = a.ledger
    group by a.ledger`.execute(s.trx)
  const points = rows.find((r) => r.ledger === 'points') ?? {}
  const growth = rows.find((r) => r.ledger === 'growth') ?? {}
  const held = await sql<{ held: unknown }>`
    select sum(points) as held from points_holds
    where created_at < ${s.endsAt} and (settled_at is null or settled_at >= ${s.endsAt})`.execute(s.trx)
  return {
    points_outstanding: num(points.outstanding),
    points_liability: num(points.positive),
    points_debt: num(points.negative),
    debtors: num(points.debtors),
    points_held: num(held.rows[0]?.held),
    points_expiring_next_month: s.nightly ? await pointsExpiringNextMonth(s) : null,
    growth_outstanding: num(growth.outstanding),
  }
}

/**
 * Points left in lots whose expiry falls in the calendar month after the day's: the expiry sweep posts a lot on the
 * business day its instant falls in, so this is what next month's "expired" flow will be if nobody spends them.
 * Only the nightly run knows what is left in the lots.
 */
async function pointsExpiringNextMonth(s: SnapshotDay): Promise<number> {
  const nextMonth = addDays(`${s.day.slice(0, 7)}-28`, 7).slice(0, 7)
  const monthAfter = addDays(`${nextMonth}-28`, 7).slice(0, 7)
  const { calendar } = s.program.rules
  const from = businessDayStart(`${nextMonth}-01`, calendar).toISOString()
  const until = businessDayStart(`${monthAfter}-01`, calendar).toISOString()
  const { rows } = await sql<{ points: unknown }>`
    select sum(remaining) as points from ledger_lots
    where ledger = 'points' and expires_at >= ${from} and expires_at < ${until} and remaining > 0`.execute(s.trx)
  return num(rows[0]?.points)
}
