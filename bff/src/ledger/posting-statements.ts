import { type RawBuilder, sql } from 'kysely'
import type { Insertable } from 'kysely'
import { forUpdate } from '../db/engine'
import { paramsRow, preparedQuery } from '../db/prepared-query'
import type { LedgerLotsTable, LedgerName } from '../db/schema'
import type { LedgerEntryRow } from './ledger-rows'
import type { CapturedHold } from './posting'
import { lotTakesOnPostgres } from './lot-takes'

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

/** The member's lots of one ledger that still hold something: what a debit may take from. */
export const spendableLots = preparedQuery<{ memberId: string; ledger: LedgerName }>()((db, p) =>
  db
    .selectFrom('ledger_lots')
    .select(['id', 'remaining', 'expires_at'])
    .where('member_id', '=', p.memberId)
    .where('ledger', '=', p.ledger)
    .where('remaining', '>', 0),
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

/**
 * Every column of a ledger entry with its PostgreSQL type, in the order both writers list them: `insertEntry`
 * binds each as a value, `creditAtOnce` selects each as a typed parameter (a bare parameter in a select list would
 * be text). A column added to the table fails to type-check here until both writers carry it.
 */
const entryColumns = {
  id: 'text',
  member_id: 'text',
  ledger: 'text',
  amount: 'integer',
  kind: 'text',
  reason: 'text',
  actor: 'text',
  actor_id: 'text',
  ref_type: 'text',
  ref_id: 'text',
  idempotency_key: 'text',
  reverses_entry_id: 'text',
  corrects_entry_id: 'text',
  lot_id: 'text',
  rule_version: 'integer',
  balance_after: 'integer',
  account_version: 'integer',
  business_day: 'text',
  occurred_at: 'text',
  created_at: 'text',
} as const satisfies Record<keyof LedgerEntryRow, 'text' | 'integer'>
type EntryColumn = keyof typeof entryColumns
const entryColumnNames = Object.keys(entryColumns) as EntryColumn[]

export const insertEntry = preparedQuery<LedgerEntryRow>()((db, p) =>
  db.insertInto('ledger_entries').values(paramsRow<LedgerEntryRow>(p, entryColumnNames)),
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

/** A captured hold in `entryWithAccount`'s parameters; all null when the posting captures none. */
type HeldParams = {
  holdId: string | null
  holdPoints: number | null
  holdRefType: string | null
  holdRefId: string | null
  holdExpiresAt: string | null
  holdCreatedAt: string | null
  holdSettledAt: string | null
}

/** `entryWithAccount`'s hold parameters for a posting. */
export const heldParams = (hold: CapturedHold | undefined): HeldParams => ({
  holdId: hold?.id ?? null,
  holdPoints: hold?.points ?? null,
  holdRefType: hold?.refType ?? null,
  holdRefId: hold?.refId ?? null,
  holdExpiresAt: hold?.expiresAt ?? null,
  holdCreatedAt: hold?.createdAt ?? null,
  holdSettledAt: hold?.settledAt ?? null,
})

type EntryWithAccount = LedgerEntryRow & { balance: number; version: number; takes: string } & HeldParams

/**
 * PostgreSQL only: a captured hold's row (when the posting captures one), a debit's lot takes (a JSON array,
 * `lotTakesOnPostgres`), the account set to its new balance and version, and the entry appended, in one statement
 * (data-modifying CTEs) where the general path makes up to four round trips. The account is already locked by this
 * transaction (the caller read it with `lockedAccount` or holds it from a redemption), so the update cannot wait or
 * find another version, and the takes were planned from lots read under that lock: the statement writes what
 * `holdInserted`, `takeFromLotsAtOnce`, `updateAccount` and `insertEntry` would.
 */
export const entryWithAccount = preparedQuery<EntryWithAccount>()((db, p) =>
  db
    .with('taken', (qc) => lotTakesOnPostgres(qc, p.takes))
    .with('hold', (qc) =>
      qc
        .insertInto('points_holds')
        .columns([
          'id',
          'member_id',
          'points',
          'status',
          'ref_type',
          'ref_id',
          'expires_at',
          'created_at',
          'settled_at',
        ])
        .expression(
          qc
            .selectNoFrom([
              sql<string>`${p.holdId}::text`.as('id'),
              sql<string>`${p.member_id}::text`.as('member_id'),
              sql<number>`${p.holdPoints}::integer`.as('points'),
              sql<'captured'>`'captured'`.as('status'),
              sql<string>`${p.holdRefType}::text`.as('ref_type'),
              sql<string>`${p.holdRefId}::text`.as('ref_id'),
              sql<string>`${p.holdExpiresAt}::text`.as('expires_at'),
              sql<string>`${p.holdCreatedAt}::text`.as('created_at'),
              sql<string>`${p.holdSettledAt}::text`.as('settled_at'),
            ])
            .where(sql<boolean>`${p.holdId}::text is not null`),
        ),
    )
    .with('moved', (qc) =>
      qc
        .updateTable('ledger_accounts')
        .set({ balance: p.balance, version: p.version })
        .where('member_id', '=', p.member_id)
        .where('ledger', '=', p.ledger),
    )
    .insertInto('ledger_entries')
    .values(paramsRow<LedgerEntryRow>(p, entryColumnNames)),
)

/** A points hold row: a new one `held`, or one a spend captures as it posts (`Posting.capturedHold`). */
export const holdInserted = preparedQuery<
  Omit<CapturedHold, 'settledAt'> & { status: 'held' | 'captured'; settledAt: string | null }
>()((db, p) =>
  db.insertInto('points_holds').values({
    id: p.id,
    member_id: p.memberId,
    points: p.points,
    status: p.status,
    ref_type: p.refType,
    ref_id: p.refId,
    expires_at: p.expiresAt,
    created_at: p.createdAt,
    settled_at: p.settledAt,
  }),
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
  // From the moved account: its balance and version after, and whether a lot opens; the rest are typed parameters.
  const fromMoved: Partial<Record<EntryColumn, RawBuilder<unknown>>> = {
    lot_id: sql`case when ${spendable} > 0 then ${p.lotId}::text end`,
    balance_after: sql`moved.balance`,
    account_version: sql`moved.version`,
  }
  const entryValue = (c: EntryColumn) => fromMoved[c] ?? sql`${p[c as keyof CreditAtOnce]}::${sql.raw(entryColumns[c])}`
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
        .columns(entryColumnNames)
        .expression((eb) => eb.selectFrom('moved').select(entryColumnNames.map((c) => entryValue(c).as(c))))
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
