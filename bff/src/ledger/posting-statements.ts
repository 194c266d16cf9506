import type { Insertable } from 'kysely'
import { forUpdate } from '../db/engine'
import { preparedQuery } from '../db/prepared-query'
import type { LedgerLotsTable, LedgerName } from '../db/schema'
import type { LedgerEntryRow } from './ledger-rows'

/**
 * The statements every posting runs, compiled once per database handle (prepared-query.ts): a posting is the hot
 * path of orders, sign-ins and redemptions, and building these through Kysely cost more than running them.
 */

/** The account row of one member's ledger, locked on PostgreSQL (SQLite's write transaction already excludes). */
export const lockedAccount = preparedQuery<{ memberId: string; ledger: LedgerName }>()((db, p) =>
  forUpdate(
    db,
    db.selectFrom('ledger_accounts').selectAll().where('member_id', '=', p.memberId).where('ledger', '=', p.ledger),
  ),
)

const moveAccount = (floorAtZero: boolean) =>
  preparedQuery<{ memberId: string; ledger: LedgerName; amount: number }>()((db, p) =>
    db
      .updateTable('ledger_accounts')
      .set((eb) => ({ balance: eb('balance', '+', p.amount), version: eb('version', '+', 1) }))
      .where('member_id', '=', p.memberId)
      .where('ledger', '=', p.ledger)
      .$if(floorAtZero, (qb) => qb.where((eb) => eb(eb('balance', '+', p.amount), '>=', 0)))
      .returning(['balance', 'version']),
  )
/** Moves an account by `amount` unless its balance would go below zero; answers the balance and version after. */
export const moveAccountAboveZero = moveAccount(true)
/** Moves an account by `amount` whatever the balance becomes (a points clawback's debt). */
export const moveAccountIntoDebt = moveAccount(false)

export const insertEntry = preparedQuery<LedgerEntryRow>()((db, p) =>
  db.insertInto('ledger_entries').values({
    id: p.id,
    member_id: p.member_id,
    ledger: p.ledger,
    amount: p.amount,
    kind: p.kind,
    reason: p.reason,
    actor: p.actor,
    actor_id: p.actor_id,
    ref_type: p.ref_type,
    ref_id: p.ref_id,
    idempotency_key: p.idempotency_key,
    reverses_entry_id: p.reverses_entry_id,
    corrects_entry_id: p.corrects_entry_id,
    lot_id: p.lot_id,
    rule_version: p.rule_version,
    balance_after: p.balance_after,
    account_version: p.account_version,
    business_day: p.business_day,
    occurred_at: p.occurred_at,
    created_at: p.created_at,
  }),
)

export const insertLot = preparedQuery<Required<Insertable<LedgerLotsTable>>>()((db, p) =>
  db.insertInto('ledger_lots').values({
    id: p.id,
    member_id: p.member_id,
    ledger: p.ledger,
    entry_id: p.entry_id,
    amount: p.amount,
    remaining: p.remaining,
    expires_at: p.expires_at,
    created_at: p.created_at,
  }),
)

export const updateAccount = preparedQuery<{
  memberId: string
  ledger: LedgerName
  balance: number
  version: number
}>()((db, p) =>
  db
    .updateTable('ledger_accounts')
    .set({ balance: p.balance, version: p.version })
    .where('member_id', '=', p.memberId)
    .where('ledger', '=', p.ledger),
)
