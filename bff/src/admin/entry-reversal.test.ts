import { beforeAll, describe, expect, it } from 'vitest'
import { accountBalances } from '../ledger/accounts'
import { verifyLedgers } from '../ledger/verify-ledgers'
import { orderEvent, sendOrderEvent } from '../test/order-events'
import { testAdminToken, useTestApp } from '../test/test-app'

describe('admin reversal of a ledger entry', () => {
  const t = useTestApp()
  let memberId: string
  let otherId: string
  const call = (path: string, body: unknown, key: string) =>
    Promise.resolve(
      t.app.request(path, {
        method: 'POST',
        body: JSON.stringify(body),
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${testAdminToken}`,
          'idempotency-key': key,
        },
      }),
    ).then(async (r) => ({ status: r.status, body: (await r.json()) as any }))
  const adjust = (id: string, body: unknown, key: string) => call(`/api/admin/members/${id}/adjustments`, body, key)
  const reverse = (entryId: string, body: unknown, key: string, id = memberId) =>
    call(`/api/admin/members/${id}/entries/${entryId}/reversal`, body, key)
  const footprint = async () => ({
    entries: (await t.db.selectFrom('ledger_entries').select('id').execute()).length,
    audits: (await t.db.selectFrom('audit_log').select('id').execute()).length,
    balances: await accountBalances(t.db, memberId),
  })

  beforeAll(async () => {
    const idOf = async (phone: string) =>
      (await t.json('GET', '/api/me', undefined, await t.joinedMember(phone))).body.member.id as string
    memberId = await idOf('13100000101')
    otherId = await idOf('13100000102')
  })

  it('reverses a credit once, referencing it; reversing again is 409 ALREADY_REVERSED, writing nothing', async () => {
    const credit = await adjust(memberId, { ledger: 'points', amount: 300, reason: '误发补偿' }, 'rev-credit-1')
    const first = await reverse(credit.body.entryId, { reason: '补偿发错了' }, 'rev-0001')
    expect(first).toMatchObject({
      status: 201,
      body: { reversedEntryId: credit.body.entryId, ledger: 'points', amount: -300, balanceAfter: 0 },
    })
    const row = await t.db
      .selectFrom('ledger_entries')
      .selectAll()
      .where('id', '=', first.body.entryId)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      kind: 'reversal',
      reason: '冲正：补偿发错了',
      reverses_entry_id: credit.body.entryId,
      corrects_entry_id: null,
      actor: 'admin',
    })
    expect(await reverse(credit.body.entryId, { reason: '补偿发错了' }, 'rev-0001')).toEqual({
      status: 200,
      body: first.body,
    })

    const before = await footprint()
    const again = await reverse(credit.body.entryId, { reason: '再冲一次' }, 'rev-0002')
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'ALREADY_REVERSED' } } })
    expect(await footprint()).toEqual(before)
    const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'ledger.reverse').execute()
    expect(audit).toHaveLength(1)
    expect(JSON.parse(audit[0].detail)).toMatchObject({
      entryId: credit.body.entryId,
      reversalId: first.body.entryId,
      reason: '补偿发错了',
    })
  })

  it('corrects part of an entry, and refuses to take back more than is left', async () => {
    const credit = await adjust(memberId, { ledger: 'points', amount: 100, reason: '活动奖励' }, 'rev-credit-2')
    const part = await reverse(credit.body.entryId, { reason: '多发了 40', amount: 40 }, 'rev-0003')
    expect(part).toMatchObject({ status: 201, body: { amount: -40 } })
    const row = await t.db
      .selectFrom('ledger_entries')
      .selectAll()
      .where('id', '=', part.body.entryId)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({ corrects_entry_id: credit.body.entryId, reverses_entry_id: null })
    const before = await footprint()
    expect(await reverse(credit.body.entryId, { reason: '超出剩余', amount: 61 }, 'rev-0004')).toMatchObject({
      status: 409,
      body: { error: { code: 'ALREADY_REVERSED', details: { remaining: 60, requested: 61 } } },
    })
    expect(await footprint()).toEqual(before)
    expect(await reverse(credit.body.entryId, { reason: '余下全部冲正' }, 'rev-0005')).toMatchObject({
      status: 201,
      body: { amount: -60 },
    })
    expect(await reverse(credit.body.entryId, { reason: '没有剩余了', amount: 1 }, 'rev-0006')).toMatchObject({
      status: 409,
    })
  })

  it('gives back a debit as a new lot, and growth given back upgrades at once like any growth credit', async () => {
    await adjust(memberId, { ledger: 'growth', amount: 450, reason: '迁移补录' }, 'rev-growth-1')
    const debit = await adjust(memberId, { ledger: 'growth', amount: -200, reason: '扣错了' }, 'rev-growth-2')
    await adjust(memberId, { ledger: 'growth', amount: 100, reason: '补发' }, 'rev-growth-3')
    const back = await reverse(debit.body.entryId, { reason: '撤销误扣' }, 'rev-0007')
    expect(back).toMatchObject({
      status: 201,
      body: { ledger: 'growth', amount: 200, balanceAfter: 550, tierChange: { from: 'regular', to: 'silver' } },
    })
    expect(
      await t.db
        .selectFrom('ledger_lots')
        .select(['amount', 'remaining'])
        .where('entry_id', '=', back.body.entryId)
        .execute(),
    ).toEqual([{ amount: 200, remaining: 200 }])
  })

  it('answers 404 for an entry of another member, 400 without a reason or key', async () => {
    const theirs = await adjust(otherId, { ledger: 'points', amount: 10, reason: '别人的积分' }, 'rev-other-1')
    expect(await reverse(theirs.body.entryId, { reason: '冲正他人记录' }, 'rev-0009')).toMatchObject({
      status: 404,
      body: { error: { code: 'ENTRY_NOT_FOUND' } },
    })
    expect((await reverse(theirs.body.entryId, { reason: '' }, 'rev-0010', otherId)).status).toBe(400)
    expect((await reverse(theirs.body.entryId, { reason: '数量为零', amount: 0 }, 'rev-0011', otherId)).status).toBe(
      400,
    )
    const keyless = await t.app.request(`/api/admin/members/${otherId}/entries/${theirs.body.entryId}/reversal`, {
      method: 'POST',
      body: JSON.stringify({ reason: '没有幂等键' }),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${testAdminToken}` },
    })
    expect(keyless.status).toBe(400)
  })

  it("a refund after a hand correction takes back only what is left of the order's credit", async () => {
    const id = (await t.json('GET', '/api/me', undefined, await t.joinedMember('13100000103'))).body.member.id as string
    await sendOrderEvent(t, orderEvent('order.paid', 'REV-1', { memberId: id }, 30_000))
    await sendOrderEvent(t, orderEvent('order.completed', 'REV-1', { memberId: id }, 30_000))
    const order = await t.db
      .selectFrom('orders')
      .select('points_entry_id')
      .where('order_id', '=', 'REV-1')
      .executeTakeFirstOrThrow()
    expect(
      (await reverse(order.points_entry_id!, { reason: '订单积分多发', amount: 250 }, 'rev-order-1', id)).status,
    ).toBe(201)
    const refund = await sendOrderEvent(
      t,
      orderEvent('order.refunded', 'REV-1', { memberId: id }, 30_000, { refundId: 'r1', refundAmountFen: 30_000 }),
    )
    expect(refund).toMatchObject({ status: 200, body: { status: 'applied', growth: -300, points: -50 } })
    expect(await accountBalances(t.db, id)).toMatchObject({ growth: 0, points: 0 })
  })

  it('of 10 concurrent reversals of an entry exactly one succeeds; the balance is the sum of the entries', async () => {
    const credit = await adjust(otherId, { ledger: 'points', amount: 70, reason: '并发测试' }, 'rev-race-credit')
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        reverse(credit.body.entryId, { reason: '并发冲正' }, `rev-race-${i}`, otherId),
      ),
    )
    expect(results.map((r) => r.status).sort()).toEqual([201, ...Array(9).fill(409)])
    expect(results.filter((r) => r.status === 409).every((r) => r.body.error.code === 'ALREADY_REVERSED')).toBe(true)
    const reversals = await t.db
      .selectFrom('ledger_entries')
      .select('id')
      .where('reverses_entry_id', '=', credit.body.entryId)
      .execute()
    expect(reversals).toHaveLength(1)
    expect(await accountBalances(t.db, otherId)).toMatchObject({ points: 10 })
    expect(await verifyLedgers(t.db)).toEqual([])
  })
})
