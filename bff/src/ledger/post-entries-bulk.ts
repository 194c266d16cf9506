import { CompiledQuery, type Insertable, type Transaction } from 'kysely'
import { bulkInsert } from '../db/bulk-insert'
import { isPostgres } from '../db/engine'
import type { Database, LedgerLotsTable, LedgerName } from '../db/schema'
import { entryRow, lotRow, newEntryId, newLotId, type LedgerEntryRow } from './ledger-rows'
import { takeFromLotsAtOnce } from './lot-takes'
import { postEntry, type Posting } from './post-entry'

/** An account as a bulk write found it and moves it; while `exists` is false the bulk write creates its row. */
export interface BulkAccount {
  balance: number
  version: number
  exists: boolean
}
/**
 * The accounts a bulk write may post to, by member and ledger; one missing from the map is posted through `postEntry`.
 */
export type BulkAccounts = Map<string, BulkAccount>
export const accountKey = (memberId: string, ledger: string) => `${memberId}\u0000${ledger}`

/** Reads the accounts of these members; on PostgreSQL also locks them, in key order, as every posting locks its own. */
export async function readAccounts(trx: Transaction<Database>, memberIds: string[]): Promise<BulkAccounts> {
  let query = trx
    .selectFrom('ledger_accounts')
    .select(['member_id', 'ledger', 'balance', 'version'])
    .where('member_id', 'in', memberIds)
    .orderBy('member_id')
    .orderBy('ledger')
  if (isPostgres(trx)) query = query.forUpdate()
  const rows = await query.execute()
  return new Map(
    rows.map((a) => [accountKey(a.member_id, a.ledger), { balance: a.balance, version: a.version, exists: true }]),
  )
}

/**
 * Accounts that do not exist yet, one per member and ledger the postings touch. Only for members created in the
 * caller's uncommitted transaction: nobody else can see or post to them, so balance 0 at version 0 is exactly
 * what `postEntry` would read.
 */
export function newAccounts(postings: Posting[]): BulkAccounts {
  return new Map(postings.map((p) => [accountKey(p.memberId, p.ledger), { balance: 0, version: 0, exists: false }]))
}

/**
 * An account the pending rows move: the map's own object, so its figures are the latest and writing can mark it as
 * existing.
 */
type MovedAccount = { member_id: string; ledger: LedgerName; account: BulkAccount }
interface Pending {
  entries: LedgerEntryRow[]
  lots: Insertable<LedgerLotsTable>[]
  takes: Array<{ id: string; take: number }>
  moved: Map<string, MovedAccount>
}

/**
 * Posts many entries, in the given order, writing exactly the rows `postEntry` writes for each (entry rows from the
 * same `entryRow`, at the account's next balance and version; a credit's lot; a debit's take from its lot; the
 * account moved) as a handful of set-based statements instead of four or five per entry. Sound only when the
 * accounts in `accounts` cannot move under the caller: read under lock in its transaction (`readAccounts`), or not
 * created yet (`newAccounts`). A debit here must name one lot that the caller read under the same lock and
 * that holds at least the amount. A posting the statements do not cover (an account not in the map, a credit
 * repaying debt, a debit that would overdraw, respects holds or spills over lots) goes through `postEntry` itself,
 * after what came before is written, so it succeeds or fails exactly as it always did.
 */
export async function postEntriesBulk(
  trx: Transaction<Database>,
  postings: Posting[],
  accounts: BulkAccounts,
): Promise<void> {
  const pending: Pending = { entries: [], lots: [], takes: [], moved: new Map() }
  for (const posting of postings) {
    const key = accountKey(posting.memberId, posting.ledger)
    const account = accounts.get(key)
    if (!account || !coveredInBulk(posting, account)) {
      await writePending(trx, pending)
      await postEntry(trx, posting) // throws what it always threw; should it not, the rows are its own
      accounts.delete(key)
      continue
    }
    account.balance += posting.amount
    account.version += 1
    const entryId = newEntryId(posting.ledger, posting.now)
    const lotId =
      posting.amount > 0
        ? newLotId(posting.ledger, posting.now)
        : posting.debit!.from === 'lot'
          ? posting.debit!.lotId
          : null
    pending.entries.push(
      entryRow(posting, { entryId, lotId, balanceAfter: account.balance, accountVersion: account.version }),
    )
    if (posting.amount > 0) pending.lots.push(lotRow(posting, { lotId: lotId!, entryId, amount: posting.amount }))
    else pending.takes.push({ id: lotId!, take: -posting.amount })
    pending.moved.set(key, { member_id: posting.memberId, ledger: posting.ledger, account })
  }
  await writePending(trx, pending)
}

/** Whether the posting is one the set-based statements write as `postEntry` would, on this account as it stands. */
function coveredInBulk(posting: Posting, account: BulkAccount): boolean {
  if (!Number.isSafeInteger(posting.amount) || posting.amount === 0) return false
  // A credit on an account in debt repays it first and opens a smaller lot, or none.
  if (posting.amount > 0) return posting.credit !== undefined && account.balance >= 0
  const debit = posting.debit
  return (
    debit !== undefined &&
    debit.from === 'lot' &&
    debit.overflow === 'none' &&
    !debit.respectHeld &&
    !posting.allowDebt &&
    account.balance >= -posting.amount
  )
}

/** Writes what is pending, then forgets it; accounts created here exist from now on, so later moves update them. */
async function writePending(trx: Transaction<Database>, pending: Pending): Promise<void> {
  if (pending.entries.length === 0) return
  const moved = [...pending.moved.values()]
  const accountRow = ({ member_id, ledger, account }: MovedAccount) => ({
    member_id,
    ledger,
    balance: account.balance,
    held: 0,
    version: account.version,
  })
  await bulkInsert(trx, 'ledger_accounts', moved.filter((a) => !a.account.exists).map(accountRow))
  await takeFromLotsAtOnce(trx, pending.takes)
  await bulkInsert(trx, 'ledger_entries', pending.entries)
  await bulkInsert(trx, 'ledger_lots', pending.lots)
  await moveAccounts(
    trx,
    moved.filter((a) => a.account.exists),
  )
  for (const { account } of moved) account.exists = true
  pending.entries = []
  pending.lots = []
  pending.takes = []
  pending.moved.clear()
}

// The accounts' update takes its rows as one JSON parameter, as the lots' takes do (lot-takes.ts): a statement's
// text stays the same whatever the batch size (one prepared statement), and the engine walks the rows.
const runWithRows = (trx: Transaction<Database>, text: string, rows: unknown[]) =>
  trx.executeQuery(CompiledQuery.raw(text, [JSON.stringify(rows)]))

async function moveAccounts(trx: Transaction<Database>, accounts: MovedAccount[]) {
  if (accounts.length === 0) return
  const rows = accounts.map(({ member_id, ledger, account }) => ({
    member_id,
    ledger,
    balance: account.balance,
    version: account.version,
  }))
  await runWithRows(
    trx,
    isPostgres(trx)
      ? `update ledger_accounts a set balance = v.balance, version = v.version
      from json_to_recordset($1::json) as v(member_id text, ledger text, balance integer, version integer)
      where a.member_id = v.member_id and a.ledger = v.ledger`
      : `update ledger_accounts set balance = v.balance, version = v.version
      from (select value ->> 'member_id' as member_id, value ->> 'ledger' as ledger, value ->> 'balance' as balance,
        value ->> 'version' as version from json_each(?)) as v
      where ledger_accounts.member_id = v.member_id and ledger_accounts.ledger = v.ledger`,
    rows,
  )
}
