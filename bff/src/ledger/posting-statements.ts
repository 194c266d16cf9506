import { sql } from 'kysely'
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

/** What a credit's single statement needs: the entry as `entryRow` builds it, less what the moved account decides. */
export type CreditAtOnce = Omit<LedgerEntryRow, 'lot_id' | 'balance_after' | 'account_version'> & {
  lotId: string
  lotExpiresAt: string | null
}

/**
 * PostgreSQL only: a credit's account move, entry and lot in one statement (data-modifying CTEs), instead of three
 * round trips. The account moves where it exists and stays at or above zero, as `moveAccountAboveZero`; the entry
 * and the lot are written from the moved row, so nothing is written when it did not move. The spendable part is
 * what is left after repaying a debt, `least(amount, greatest(0, balance after))`, as `appendCredit` computes it;
 * no lot when that is zero. Only the CTE that moves the account reads a row, and it reads the row it locks, so the
 * statement sees what a locking read then the inserts would. Answers the balance and version after.
 */
export const creditAtOnce = preparedQuery<CreditAtOnce>()((db, p) => {
  const amount = sql<number>`${p.amount}::integer`
  const spendable = sql<number>`least(${p.amount}::integer, greatest(0, moved.balance))`
  return db
    .with('moved', (qc) =>
      qc
        .updateTable('ledger_accounts')
        .set((eb) => ({ balance: eb('balance', '+', amount), version: eb('version', '+', 1) }))
        .where('member_id', '=', p.member_id)
        .where('ledger', '=', p.ledger)
        .where((eb) => eb(eb('balance', '+', amount), '>=', 0))
        .returning(['balance', 'version']),
    )
    .with('entry', (qc) =>
      qc
        .insertInto('ledger_entries')
        .columns([
          'id',
          'member_id',
          'ledger',
          'amount',
          'kind',
          'reason',
          'actor',
          'actor_id',
          'ref_type',
          'ref_id',
          'idempotency_key',
          'reverses_entry_id',
          'corrects_entry_id',
          'lot_id',
          'rule_version',
          'balance_after',
          'account_version',
          'business_day',
          'occurred_at',
          'created_at',
        ])
        .expression((eb) =>
          eb
            .selectFrom('moved')
            .select([
              sql<string>`${p.id}`.as('id'),
              sql<string>`${p.member_id}`.as('member_id'),
              sql<string>`${p.ledger}`.as('ledger'),
              amount.as('amount'),
              sql<string>`${p.kind}`.as('kind'),
              sql<string>`${p.reason}`.as('reason'),
              sql<string>`${p.actor}`.as('actor'),
              sql<string | null>`${p.actor_id}::text`.as('actor_id'),
              sql<string | null>`${p.ref_type}::text`.as('ref_type'),
              sql<string | null>`${p.ref_id}::text`.as('ref_id'),
              sql<string | null>`${p.idempotency_key}::text`.as('idempotency_key'),
              sql<string | null>`${p.reverses_entry_id}::text`.as('reverses_entry_id'),
              sql<string | null>`${p.corrects_entry_id}::text`.as('corrects_entry_id'),
              sql<string | null>`case when ${spendable} > 0 then ${p.lotId}::text end`.as('lot_id'),
              sql<number>`${p.rule_version}::integer`.as('rule_version'),
              'moved.balance',
              'moved.version',
              sql<string>`${p.business_day}`.as('business_day'),
              sql<string>`${p.occurred_at}`.as('occurred_at'),
              sql<string>`${p.created_at}`.as('created_at'),
            ]),
        )
        .returning(['id', 'lot_id']),
    )
    .with('lot', (qc) =>
      qc
        .insertInto('ledger_lots')
        .columns(['id', 'member_id', 'ledger', 'entry_id', 'amount', 'remaining', 'expires_at', 'created_at'])
        .expression((eb) =>
          eb
            .selectFrom(['entry', 'moved'])
            .select([
              'entry.lot_id',
              sql<string>`${p.member_id}`.as('member_id'),
              sql<string>`${p.ledger}`.as('ledger'),
              'entry.id',
              spendable.as('amount'),
              spendable.as('remaining'),
              sql<string | null>`${p.lotExpiresAt}::text`.as('expires_at'),
              sql<string>`${p.created_at}`.as('created_at'),
            ])
            .where('entry.lot_id', 'is not', null),
        ),
    )
    .selectFrom('moved')
    .select(['moved.balance', 'moved.version'])
})
