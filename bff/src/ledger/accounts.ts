import type { Kysely, Transaction } from 'kysely'
import type { Database, LedgerName } from '../db/schema'
import { lockedAccount } from './posting-statements'

/** The account row of one member's ledger, locked for this transaction (created empty on first use). */
export async function lockAccount(trx: Transaction<Database>, memberId: string, ledger: LedgerName) {
  const select = () => lockedAccount.takeFirst(trx, { memberId, ledger })
  const existing = await select()
  if (existing) return existing
  await trx
    .insertInto('ledger_accounts')
    .values({ member_id: memberId, ledger, balance: 0, held: 0, version: 0 })
    .onConflict((oc) => oc.columns(['member_id', 'ledger']).doNothing())
    .execute()
  const created = await select()
  if (!created) throw new Error(`ledger account ${memberId}/${ledger} vanished`)
  return created
}

export async function accountBalances(db: Kysely<Database>, memberId: string) {
  const rows = await db
    .selectFrom('ledger_accounts')
    .select(['ledger', 'balance', 'held'])
    .where('member_id', '=', memberId)
    .execute()
  const of = (ledger: LedgerName) => rows.find((row) => row.ledger === ledger) ?? { balance: 0, held: 0 }
  return { growth: of('growth').balance, points: of('points').balance, pointsHeld: of('points').held }
}
