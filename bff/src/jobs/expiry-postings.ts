import { businessDayOf, newId } from '@mc/shared'
import { CompiledQuery, type Insertable, type Transaction } from 'kysely'
import { isPostgres } from '../db/engine'
import type { Database, LedgerEntriesTable, LedgerName } from '../db/schema'
import { postEntry, type Posting } from '../ledger/post-entry'
import type { PublishedProgram } from '../program/published-program'

/** A lot whose time has come, as the sweep read it. */
export interface DueLot {
  id: string
  member_id: string
  ledger: LedgerName
  remaining: number
  created_at: string
  expires_at: string | null
}

/** The posting that expires one lot: all that is left of it, taken from that lot alone. */
export function expiryPosting(lot: DueLot, program: PublishedProgram, now: Date, dayOf: (iso: string) => string): Posting {
  const earnedDay = dayOf(lot.created_at)
  return {
    memberId: lot.member_id, ledger: lot.ledger, amount: -lot.remaining, kind: 'expiry',
    reason: lot.ledger === 'points' ? `积分到期（${earnedDay} 获得）` : `成长值超出统计周期（${earnedDay} 获得）`,
    actor: 'system', ref: { type: 'lot', id: lot.id }, idempotencyKey: `expire:${lot.id}`,
    ruleVersion: program.version, businessDay: dayOf(lot.expires_at!), occurredAt: new Date(lot.expires_at!), now,
    debit: { from: 'lot', lotId: lot.id, overflow: 'none', respectHeld: false },
  }
}

type Account = { balance: number; version: number }
/** The batch's accounts by member and ledger, as `readAccounts` found them and `postExpiries` moves them. */
export type AccountStates = Map<string, Account>
const key = (memberId: string, ledger: string) => `${memberId}\u0000${ledger}`

/** Reads the accounts of these members; on PostgreSQL also locks them, in key order, as every posting locks its own. */
export async function readAccounts(trx: Transaction<Database>, memberIds: string[]): Promise<AccountStates> {
  let query = trx.selectFrom('ledger_accounts').select(['member_id', 'ledger', 'balance', 'version'])
    .where('member_id', 'in', memberIds).orderBy('member_id').orderBy('ledger')
  if (isPostgres(trx)) query = query.forUpdate()
  return new Map((await query.execute()).map((a) => [key(a.member_id, a.ledger), { balance: a.balance, version: a.version }]))
}

/**
 * Expires many lots, in the given order, writing exactly the rows `postEntry` writes for each `expiryPosting`
 * (the entry at its account's next balance and version, the lot taken to zero, the account moved), but as three
 * set-based statements instead of five per lot. Sound only as the sweep uses it: inside one transaction, the
 * accounts read (and on PostgreSQL locked) by `readAccounts` first, then the lots, so nothing can move either
 * before the writes. A lot `postEntry` would refuse (an account short of the lot,
 * which the ledger's invariants rule out) goes through `postEntry` itself, after what came before is written, so
 * it fails exactly as it always did.
 */
export async function postExpiries(trx: Transaction<Database>, lots: DueLot[], accounts: AccountStates, program: PublishedProgram,
  now: Date): Promise<void> {
  const postgres = isPostgres(trx)
  const days = new Map<string, string>()
  const dayOf = (iso: string) => days.get(iso) ?? days.set(iso, businessDayOf(new Date(iso), program.rules.calendar)).get(iso)!
  const entries: Insertable<LedgerEntriesTable>[] = []
  const takes: Array<{ id: string; take: number }> = []
  const moved = new Map<string, { member_id: string; ledger: string } & Account>()
  const flush = async () => {
    await writeExpiries(trx, postgres, entries.splice(0), takes.splice(0), [...moved.values()])
    moved.clear()
  }
  for (const lot of lots) {
    const posting = expiryPosting(lot, program, now, dayOf)
    const account = accounts.get(key(lot.member_id, lot.ledger))
    if (!account || account.balance < lot.remaining) {
      await flush()
      await postEntry(trx, posting) // throws what it always threw; should it not, the rows are its own
      accounts.delete(key(lot.member_id, lot.ledger))
      continue
    }
    account.balance -= lot.remaining
    account.version += 1
    entries.push({
      id: newId(lot.ledger === 'growth' ? 'gre' : 'pte', now.getTime()), member_id: lot.member_id, ledger: lot.ledger,
      amount: posting.amount, kind: posting.kind, reason: posting.reason, actor: posting.actor, actor_id: null,
      ref_type: 'lot', ref_id: lot.id, idempotency_key: posting.idempotencyKey!, reverses_entry_id: null, corrects_entry_id: null,
      lot_id: lot.id, rule_version: posting.ruleVersion, balance_after: account.balance, account_version: account.version,
      business_day: posting.businessDay, occurred_at: posting.occurredAt.toISOString(), created_at: now.toISOString(),
    })
    takes.push({ id: lot.id, take: lot.remaining })
    moved.set(key(lot.member_id, lot.ledger), { member_id: lot.member_id, ledger: lot.ledger, ...account })
  }
  await flush()
}

const entryColumns = ['id', 'member_id', 'ledger', 'amount', 'kind', 'reason', 'actor', 'actor_id', 'ref_type', 'ref_id',
  'idempotency_key', 'reverses_entry_id', 'corrects_entry_id', 'lot_id', 'rule_version', 'balance_after', 'account_version',
  'business_day', 'occurred_at', 'created_at'] as const

/**
 * The three statements, each taking its rows as one JSON parameter: a statement's text stays the same whatever
 * the batch size (one prepared statement), and the engine, not Kysely's query builder, walks the rows.
 */
async function writeExpiries(trx: Transaction<Database>, postgres: boolean, entries: Insertable<LedgerEntriesTable>[],
  takes: Array<{ id: string; take: number }>, accounts: Array<{ member_id: string; ledger: string } & Account>) {
  if (entries.length === 0) return
  const run = (text: string, rows: unknown[]) => trx.executeQuery(CompiledQuery.raw(text, [JSON.stringify(rows)]))
  const columns = entryColumns.join(', ')
  if (postgres) {
    await run(`update ledger_lots l set remaining = l.remaining - t.take
      from json_to_recordset($1::json) as t(id text, take integer) where l.id = t.id`, takes)
    await run(`insert into ledger_entries (${columns}) select ${columns} from json_populate_recordset(null::ledger_entries, $1::json)`, entries)
    await run(`update ledger_accounts a set balance = v.balance, version = v.version
      from json_to_recordset($1::json) as v(member_id text, ledger text, balance integer, version integer)
      where a.member_id = v.member_id and a.ledger = v.ledger`, accounts)
    return
  }
  await run(`update ledger_lots set remaining = remaining - t.take
    from (select value ->> 'id' as id, value ->> 'take' as take from json_each(?)) as t where ledger_lots.id = t.id`, takes)
  await run(`insert into ledger_entries (${columns}) select ${entryColumns.map((c) => `value ->> '${c}'`).join(', ')} from json_each(?)`, entries)
  await run(`update ledger_accounts set balance = v.balance, version = v.version
    from (select value ->> 'member_id' as member_id, value ->> 'ledger' as ledger, value ->> 'balance' as balance,
      value ->> 'version' as version from json_each(?)) as v
    where ledger_accounts.member_id = v.member_id and ledger_accounts.ledger = v.ledger`, accounts)
}
