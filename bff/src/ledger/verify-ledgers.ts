import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/schema'

/** One account whose stored figures disagree with its history. */
export interface Drift {
  memberId: string
  ledger: string
  problem: string
  stored: number
  derived: number
}

/**
 * Recomputes every account from its entries and lots and reports each disagreement:
 * the balance must equal the sum of entries, the version must equal their count, the last entry's balance_after
 * must equal the balance, the unspent lots must equal the balance (or zero while the account is in debt), and the
 * points held must equal the sum of the open holds. Each lot extension must still be what moved its lot (see
 * `extensionDrifts`).
 */
export async function verifyLedgers(db: Kysely<Database>): Promise<Drift[]> {
  const rows = await sql<{
    member_id: string
    ledger: string
    balance: number
    version: number
    held: number
    open_holds: number | null
    entry_sum: number | null
    entry_count: number
    last_balance_after: number | null
    lot_sum: number | null
  }>`
    select a.member_id, a.ledger, a.balance, a.version, a.held,
      (select sum(h.points) from points_holds h
         where h.member_id = a.member_id and h.status = 'held' and a.ledger = 'points') as open_holds,
      (select sum(e.amount) from ledger_entries e where e.member_id = a.member_id and e.ledger = a.ledger) as entry_sum,
      (select count(*) from ledger_entries e where e.member_id = a.member_id and e.ledger = a.ledger) as entry_count,
      (select e.balance_after from ledger_entries e where e.member_id = a.member_id and e.ledger = a.ledger
         order by e.account_version desc limit 1) as last_balance_after,
      (select sum(l.remaining) from ledger_lots l where l.member_id = a.member_id and l.ledger = a.ledger) as lot_sum
    from ledger_accounts a`.execute(db)
  const drifts: Drift[] = []
  for (const row of rows.rows) {
    const check = (problem: string, stored: number, derived: number) => {
      if (stored !== derived) drifts.push({ memberId: row.member_id, ledger: row.ledger, problem, stored, derived })
    }
    const balance = Number(row.balance)
    check('balance ≠ sum of entries', balance, Number(row.entry_sum ?? 0))
    check('version ≠ number of entries', Number(row.version), Number(row.entry_count))
    check('balance ≠ last balance_after', balance, Number(row.last_balance_after ?? 0))
    check('unspent lots ≠ balance', Math.max(0, balance), Number(row.lot_sum ?? 0))
    check('held ≠ open holds', Number(row.held), Number(row.open_holds ?? 0))
  }
  drifts.push(...(await extensionDrifts(db)))
  const orphans = await sql<{ member_id: string; ledger: string; total: number }>`
    select e.member_id, e.ledger, sum(e.amount) as total from ledger_entries e
    where not exists (select 1 from ledger_accounts a where a.member_id = e.member_id and a.ledger = e.ledger)
    group by e.member_id, e.ledger`.execute(db)
  for (const row of orphans.rows) {
    drifts.push({
      memberId: row.member_id,
      ledger: row.ledger,
      problem: 'entries without an account',
      stored: 0,
      derived: Number(row.total),
    })
  }
  return drifts
}

/**
 * A lot's `expires_at` is materialized from its extension: an extended lot must lapse exactly when its extension
 * says, later than before, and the extension's spend must be a points entry of the member for exactly its cost.
 * Instants are compared as milliseconds, so a drift reads as a number like every other.
 */
async function extensionDrifts(db: Kysely<Database>): Promise<Drift[]> {
  const rows = await db
    .selectFrom('points_lot_extensions as x')
    .leftJoin('ledger_lots as l', 'l.id', 'x.lot_id')
    .leftJoin('ledger_entries as e', 'e.id', 'x.entry_id')
    .select([
      'x.member_id',
      'x.cost_points',
      'x.expires_at_after',
      'l.expires_at',
      'l.member_id as lot_member_id',
      'e.amount',
      'e.member_id as entry_member_id',
      'e.ledger as entry_ledger',
    ])
    .execute()
  const drifts: Drift[] = []
  for (const row of rows) {
    const check = (problem: string, stored: number, derived: number) => {
      if (stored !== derived) drifts.push({ memberId: row.member_id, ledger: 'points', problem, stored, derived })
    }
    const ms = (iso: string | null) => (iso === null ? 0 : Date.parse(iso))
    check('extended lot expiry ≠ its extension', ms(row.expires_at), ms(row.expires_at_after))
    check('extended lot belongs to another member', Number(row.lot_member_id === row.member_id), 1)
    const paid = row.entry_member_id === row.member_id && row.entry_ledger === 'points' ? Number(row.amount) : 0
    check('extension spend ≠ its cost', paid, -Number(row.cost_points))
  }
  return drifts
}
