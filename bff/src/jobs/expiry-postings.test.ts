import { businessDayOf } from '@mc/shared'
import { beforeAll, describe, expect, it } from 'vitest'
import { postEntry } from '../ledger/post-entry'
import { verifyLedgers } from '../ledger/verify-ledgers'
import { publishedProgram } from '../program/published-program'
import { type TestApp, useTestApp } from '../test/test-app'
import { expireLots } from './expire-lots'
import { expiryPosting, type DueLot } from './expiry-postings'

const now = new Date('2027-06-01T02:00:00.000Z')
const earned = '2026-06-01T02:00:00.000Z'
const due = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString()

/**
 * Lots with fixed ids, written twice under two prefixes: several due per member, both ledgers, one partly spent, one
 * spent, one not due.
 */
const lots: Array<Omit<DueLot, 'remaining'> & { amount: number }> = [
  { id: 'plt_a1', member_id: 'mbr_a', ledger: 'points', amount: 300, created_at: earned, expires_at: due(1) },
  { id: 'plt_a2', member_id: 'mbr_a', ledger: 'points', amount: 200, created_at: earned, expires_at: due(3) },
  { id: 'plt_a3', member_id: 'mbr_a', ledger: 'points', amount: 50, created_at: earned, expires_at: due(-30) },
  { id: 'glt_a1', member_id: 'mbr_a', ledger: 'growth', amount: 700, created_at: earned, expires_at: due(0) },
  {
    id: 'plt_b1',
    member_id: 'mbr_b',
    ledger: 'points',
    amount: 80,
    created_at: '2026-12-31T17:00:00.000Z',
    expires_at: due(2),
  },
  { id: 'glt_c1', member_id: 'mbr_c', ledger: 'growth', amount: 10, created_at: earned, expires_at: due(5) },
]

/** Writes the lots under `prefix`, so one database holds the same ledgers twice: once per writer compared. */
async function seed(t: TestApp, prefix: string) {
  const at = earned
  const id = (raw: string) => `${prefix}${raw}`
  await t.db
    .insertInto('members')
    .values(
      ['mbr_a', 'mbr_b', 'mbr_c'].map((member, i) => ({
        id: id(member),
        openid: null,
        unionid: null,
        phone: `138${prefix === 'x_' ? 1 : 2}000000${i}`,
        nickname: member,
        joined_at: at,
        source_outlet_id: null,
        source_channel: 'shop' as const,
        birthday: null,
        created_at: at,
      })),
    )
    .execute()
  for (const lot of lots) {
    const [memberId, lotId, entryId] = [id(lot.member_id), id(lot.id), id(lot.id.replace('lt_', 'te_'))]
    const account = await t.db
      .selectFrom('ledger_accounts')
      .selectAll()
      .where('member_id', '=', memberId)
      .where('ledger', '=', lot.ledger)
      .executeTakeFirst()
    const version = (account?.version ?? 0) + 1
    const balance = (account?.balance ?? 0) + lot.amount
    await t.db
      .insertInto('ledger_entries')
      .values({
        id: entryId,
        member_id: memberId,
        ledger: lot.ledger,
        amount: lot.amount,
        kind: 'order',
        reason: 'seed',
        actor: 'system',
        actor_id: null,
        ref_type: null,
        ref_id: null,
        idempotency_key: `seed:${lotId}`,
        reverses_entry_id: null,
        corrects_entry_id: null,
        lot_id: lotId,
        rule_version: 1,
        balance_after: balance,
        account_version: version,
        business_day: '2026-06-01',
        occurred_at: at,
        created_at: at,
      })
      .execute()
    await t.db
      .insertInto('ledger_lots')
      .values({
        id: lotId,
        member_id: memberId,
        ledger: lot.ledger,
        entry_id: entryId,
        amount: lot.amount,
        remaining: lot.amount,
        expires_at: lot.expires_at,
        created_at: lot.created_at,
      })
      .execute()
    if (account)
      await t.db
        .updateTable('ledger_accounts')
        .set({ balance, version })
        .where('member_id', '=', memberId)
        .where('ledger', '=', lot.ledger)
        .execute()
    else
      await t.db
        .insertInto('ledger_accounts')
        .values({ member_id: memberId, ledger: lot.ledger, balance, held: 0, version })
        .execute()
  }
  // Spends that left one lot partly and one wholly used, as postEntry takes them.
  for (const [lotId, memberId, ledger, spent] of [
    ['plt_a2', 'mbr_a', 'points', 80],
    ['glt_c1', 'mbr_c', 'growth', 10],
  ] as const) {
    await t.db.transaction().execute((trx) =>
      postEntry(trx, {
        memberId: id(memberId),
        ledger,
        amount: -spent,
        kind: 'redeem',
        reason: 'seed spend',
        actor: 'member',
        ruleVersion: 1,
        businessDay: '2026-07-01',
        occurredAt: new Date(earned),
        now: new Date(earned),
        debit: { from: 'lot', lotId: id(lotId), overflow: 'none', respectHeld: true },
      }),
    )
  }
}

/** Every row of one writer's members, with the prefix taken off every value, so the two copies compare. */
const unprefixed = (rows: object[], prefix: string) =>
  JSON.parse(JSON.stringify(rows).replaceAll(`"${prefix}`, '"').replaceAll(`:${prefix}`, ':'))

const snapshot = async (t: TestApp, prefix: string) =>
  unprefixed(
    [
      await t.db
        .selectFrom('ledger_entries')
        .select([
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
        .where('member_id', 'like', `${prefix}%`)
        .orderBy('member_id')
        .orderBy('ledger')
        .orderBy('account_version')
        .execute(),
      await t.db.selectFrom('ledger_lots').selectAll().where('member_id', 'like', `${prefix}%`).orderBy('id').execute(),
      await t.db
        .selectFrom('ledger_accounts')
        .selectAll()
        .where('member_id', 'like', `${prefix}%`)
        .orderBy('member_id')
        .orderBy('ledger')
        .execute(),
    ],
    prefix,
  )

describe('expiry postings written in bulk', () => {
  const t = useTestApp({}, { verifyLedgers: false })
  beforeAll(async () => {
    await seed(t, 'x_') // expired lot by lot through postEntry: the reference
    await seed(t, 'y_') // expired by the sweep's bulk writer
  })

  it('write exactly the rows postEntry writes lot by lot, in the same order', async () => {
    const program = await publishedProgram(t.db)
    const dayOf = (iso: string) => businessDayOf(new Date(iso), program.rules.calendar)
    // The reference first, as the sweep used to post: each member's due lots, earliest first, one postEntry each.
    const due = await t.db
      .selectFrom('ledger_lots')
      .select(['id', 'member_id', 'ledger', 'remaining', 'created_at', 'expires_at'])
      .where('member_id', 'like', 'x_%')
      .where('remaining', '>', 0)
      .where('expires_at', '<=', now.toISOString())
      .orderBy('member_id')
      .orderBy('expires_at')
      .orderBy('id')
      .execute()
    for (const lot of due)
      await t.db.transaction().execute((trx) => postEntry(trx, expiryPosting(lot, program, now, dayOf)))
    // Then the sweep, which now finds only the other copy due.
    expect(await expireLots(t.db, program, now, 2)).toEqual({
      pointsLots: 3,
      pointsExpired: 500,
      growthLots: 1,
      growthExpired: 700,
    })
    expect(await snapshot(t, 'y_')).toEqual(await snapshot(t, 'x_'))
    expect(await verifyLedgers(t.db)).toEqual([])
  })

  it('refuse a lot its account cannot cover exactly as postEntry does, writing nothing of the batch', async () => {
    // A lot's expiry moves only through an extension (a trigger refuses anything else), so the sweep runs later:
    // 31 days on, y_plt_a3 (lapsing 30 days after `now`) is due as well.
    const later = new Date(now.getTime() + 31 * 86_400_000)
    await t.db
      .updateTable('ledger_accounts')
      .set({ balance: 40 })
      .where('member_id', '=', 'y_mbr_a')
      .where('ledger', '=', 'points')
      .execute()
    const before = await snapshot(t, 'y_')
    await expect(expireLots(t.db, await publishedProgram(t.db), later)).rejects.toMatchObject({
      code: 'POINTS_INSUFFICIENT',
      details: { available: 40, required: 50, debt: 0 },
    })
    expect(await snapshot(t, 'y_')).toEqual(before)
  })
})
