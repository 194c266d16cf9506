import { describe, expect, it } from 'vitest'
import { type TestApp, useTestApp } from '../test/test-app'
import { postEntriesBulk, readAccounts } from './post-entries-bulk'
import { postEntry, type Posting } from './post-entry'
import { verifyLedgers } from './verify-ledgers'

const at = new Date('2026-11-23T02:00:00.000Z')
const base = {
  kind: 'task' as const,
  reason: '测试',
  actor: 'system' as const,
  ruleVersion: 1,
  businessDay: '2026-11-23',
  occurredAt: at,
  now: at,
}
const credit = (memberId: string, ledger: Posting['ledger'], amount: number, key: string): Posting => ({
  ...base,
  memberId,
  ledger,
  amount,
  idempotencyKey: key,
  credit: { expiresAt: '2027-11-23T16:00:00.000Z' },
})

/** Two members under `prefix`: one with a points lot, one whose points are in debt. Returns the lot. */
async function seed(t: TestApp, prefix: string): Promise<string> {
  await t.db
    .insertInto('members')
    .values(
      [1, 2].map((i) => ({
        id: `${prefix}m${i}`,
        openid: null,
        unionid: null,
        phone: `1370${prefix === 'x_' ? 1 : 2}00000${i}`,
        nickname: 'm',
        joined_at: at.toISOString(),
        source_outlet_id: null,
        source_channel: 'shop' as const,
        birthday: null,
        created_at: at.toISOString(),
      })),
    )
    .execute()
  return t.db.transaction().execute(async (trx) => {
    const lot = await postEntry(trx, credit(`${prefix}m1`, 'points', 50, `${prefix}seed1`))
    await postEntry(trx, credit(`${prefix}m2`, 'points', 10, `${prefix}seed2`))
    await postEntry(trx, {
      ...base,
      memberId: `${prefix}m2`,
      ledger: 'points',
      amount: -30,
      kind: 'refund',
      idempotencyKey: `${prefix}seed3`,
      debit: { from: 'earliest_expiry', respectHeld: false },
      allowDebt: true,
    })
    return lot.lot_id!
  })
}

/**
 * Covered in bulk (credits to sound accounts, a debit from a named lot) and not (a new account, an account in debt).
 */
const postings = (prefix: string, lotId: string): Posting[] => [
  credit(`${prefix}m1`, 'growth', 100, `${prefix}p1`),
  credit(`${prefix}m1`, 'points', 30, `${prefix}p2`),
  {
    ...base,
    memberId: `${prefix}m1`,
    ledger: 'points',
    amount: -20,
    kind: 'expiry',
    idempotencyKey: `${prefix}p3`,
    debit: { from: 'lot', lotId, overflow: 'none', respectHeld: false },
  },
  credit(`${prefix}m2`, 'points', 50, `${prefix}p4`),
  credit(`${prefix}m2`, 'points', 5, `${prefix}p5`),
  credit(`${prefix}m1`, 'growth', 7, `${prefix}p6`),
]

const snapshot = async (t: TestApp, prefix: string) =>
  JSON.parse(
    JSON.stringify([
      await t.db
        .selectFrom('ledger_entries')
        .select(['member_id', 'ledger', 'amount', 'idempotency_key', 'balance_after', 'account_version', 'lot_id'])
        .where('member_id', 'like', `${prefix}%`)
        .orderBy('member_id')
        .orderBy('ledger')
        .orderBy('account_version')
        .execute(),
      await t.db
        .selectFrom('ledger_lots')
        .select(['member_id', 'ledger', 'amount', 'remaining', 'expires_at'])
        .where('member_id', 'like', `${prefix}%`)
        .orderBy('member_id')
        .orderBy('ledger')
        .orderBy('amount')
        .execute(),
      await t.db
        .selectFrom('ledger_accounts')
        .selectAll()
        .where('member_id', 'like', `${prefix}%`)
        .orderBy('member_id')
        .orderBy('ledger')
        .execute(),
    ])
      .replaceAll(`"${prefix}`, '"')
      .replaceAll(/"[gp]lt_[0-9A-Z]+"/g, '"lot"'),
  )

describe('postEntriesBulk', () => {
  const t = useTestApp({}, { verifyLedgers: false })

  it('writes exactly the rows postEntry writes one by one, posting what it does not cover via postEntry', async () => {
    const xLot = await seed(t, 'x_')
    const yLot = await seed(t, 'y_')
    for (const posting of postings('x_', xLot)) await t.db.transaction().execute((trx) => postEntry(trx, posting))
    await t.db
      .transaction()
      .execute(async (trx) => postEntriesBulk(trx, postings('y_', yLot), await readAccounts(trx, ['y_m1', 'y_m2'])))
    expect(await snapshot(t, 'y_')).toEqual(await snapshot(t, 'x_'))
    expect(await verifyLedgers(t.db)).toEqual([])
  })
})
