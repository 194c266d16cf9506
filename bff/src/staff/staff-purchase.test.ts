import { beforeAll, describe, expect, it } from 'vitest'
import { ledgerFootprint, orderEvent, sendOrderEvent } from '../test/order-events'
import { memberWithCode, outletWithStaff } from '../test/staff-fixtures'
import { useTestApp } from '../test/test-app'

describe('in-store purchases recorded by staff', () => {
  const t = useTestApp()
  let till: Awaited<ReturnType<typeof outletWithStaff>>
  let phoneSeq = 0
  const newMember = () => memberWithCode(t, `1370000${String(++phoneSeq).padStart(4, '0')}`)
  const purchase = (body: Record<string, unknown>, token = till.token) =>
    t.json('POST', '/api/staff/purchases', body, token)
  const entriesOf = async (memberId: string) =>
    await t.db
      .selectFrom('ledger_entries')
      .select(['ledger', 'amount', 'kind', 'rule_version'])
      .where('member_id', '=', memberId)
      .orderBy('ledger')
      .orderBy('id')
      .execute()

  beforeAll(async () => {
    till = await outletWithStaff(t)
  })

  it('earns growth and points exactly like the same online order, and says so with the upgrade', async () => {
    const online = await newMember()
    await sendOrderEvent(t, orderEvent('order.paid', 'WEB-1', { memberId: online.memberId }, 88_800))
    await sendOrderEvent(t, orderEvent('order.completed', 'WEB-1', { memberId: online.memberId }, 88_800))
    const inStore = await newMember()
    const answer = await purchase({ code: await inStore.code(), amountFen: 88_800, receiptNo: 'R-0001' })
    expect(answer).toEqual({
      status: 201,
      body: {
        purchaseId: expect.stringMatching(/^tpu_/),
        status: 'posted',
        orderId: `pos:${till.outletId}:R-0001`,
        outletId: till.outletId,
        receiptNo: 'R-0001',
        amountFen: 88_800,
        discountFen: 0,
        paidFen: 88_800,
        coupon: null,
        hold: null,
        memberId: inStore.memberId,
        growth: 888,
        points: expect.any(Number),
        upgrade: {
          from: { id: expect.any(String), name: '普通会员' },
          to: { id: expect.any(String), name: '白银会员' },
        },
        member: expect.objectContaining({
          memberId: inStore.memberId,
          tier: expect.objectContaining({ name: '白银会员' }),
          pointsAvailable: answer.body.points,
        }),
      },
    })
    const strip = (entries: Awaited<ReturnType<typeof entriesOf>>) =>
      entries.map(({ ledger, amount, kind, rule_version }) => ({ ledger, amount, kind, rule_version }))
    // The order's own earning is the same; only the online first order also earns the shop's first-order task
    // (100 growth and 100 points), which a till purchase neither earns nor counts for.
    const onlineEntries = strip(await entriesOf(online.memberId))
    expect(onlineEntries.filter((e) => e.kind === 'first_order')).toEqual([
      { ledger: 'growth', amount: 100, kind: 'first_order', rule_version: 1 },
      { ledger: 'points', amount: 100, kind: 'first_order', rule_version: 1 },
    ])
    expect(strip(await entriesOf(inStore.memberId))).toEqual(onlineEntries.filter((e) => e.kind !== 'first_order'))
    const [meOnline, meStore] = await Promise.all(
      [online.token, inStore.token].map((token) => t.json('GET', '/api/me', undefined, token)),
    )
    for (const field of ['tier', 'validUntil'] as const) expect(meStore.body[field]).toEqual(meOnline.body[field])
    expect(meStore.body.growth).toBe(meOnline.body.growth - 100)
    expect(meStore.body.points.balance).toBe(meOnline.body.points.balance - 100)
    expect(meStore.body.points.available).toBe(meOnline.body.points.available - 100)
    const order = await t.db
      .selectFrom('orders')
      .selectAll()
      .where('order_id', '=', answer.body.orderId)
      .executeTakeFirstOrThrow()
    expect(order).toMatchObject({ source: 'outlet', outlet_id: till.outletId, status: 'completed', paid_fen: 88_800 })
    const reasons = await t.db
      .selectFrom('ledger_entries')
      .select('reason')
      .where('member_id', '=', inStore.memberId)
      .execute()
    expect(reasons[0].reason).toBe(`门店消费 pos:${till.outletId}:R-0001 实付 ¥888.00`)
  })

  it('posts a receipt once when twenty replays race, answering all of them with the first outcome', async () => {
    const member = await newMember()
    const body = { code: await member.code(), amountFen: 12_300, receiptNo: 'R-0002' }
    const answers = await Promise.all(Array.from({ length: 20 }, () => purchase(body)))
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1)
    expect(answers.filter((a) => a.status === 200)).toHaveLength(19)
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1)
    expect(await entriesOf(member.memberId)).toHaveLength(2) // one growth, one points
    const later = await purchase(body)
    expect(later).toEqual({ status: 200, body: answers[0].body })
  })

  it('refuses the same receipt with another amount or another member (409), but not at another store', async () => {
    const member = await newMember()
    await purchase({ code: await member.code(), amountFen: 5_000, receiptNo: 'R-0003' })
    const footprint = await ledgerFootprint(t)
    const otherAmount = await purchase({ code: await member.code(), amountFen: 5_001, receiptNo: 'R-0003' })
    expect(otherAmount).toMatchObject({
      status: 409,
      body: { error: { code: 'IDEMPOTENCY_KEY_REUSED', details: { differingFields: ['amountFen'] } } },
    })
    const other = await newMember()
    expect(await purchase({ code: await other.code(), amountFen: 5_000, receiptNo: 'R-0003' })).toMatchObject({
      status: 409,
      body: { error: { details: { differingFields: ['memberId'] } } },
    })
    expect(await ledgerFootprint(t)).toEqual(footprint)
    const elsewhere = await outletWithStaff(t)
    expect(
      (await purchase({ code: await other.code(), amountFen: 5_000, receiptNo: 'R-0003' }, elsewhere.token)).status,
    ).toBe(201)
  })

  it('takes a memberId only from a code this staff verified, for one purchase within ten minutes', async () => {
    const member = await newMember()
    const body = (receiptNo: string) => ({ memberId: member.memberId, amountFen: 1_000, receiptNo })
    expect(await purchase(body('R-0010'))).toMatchObject({
      status: 403,
      body: { error: { code: 'MEMBER_CODE_REQUIRED' } },
    })
    const colleague = await outletWithStaff(t)
    expect(
      (await t.json('POST', '/api/staff/member-code/verify', { code: await member.code() }, colleague.token)).status,
    ).toBe(200)
    expect((await purchase(body('R-0011'))).status).toBe(403) // verified by someone else
    t.clock.advanceMs(30_000)
    expect(
      (await t.json('POST', '/api/staff/member-code/verify', { code: await member.code() }, till.token)).status,
    ).toBe(200)
    expect((await purchase(body('R-0012'))).status).toBe(201)
    expect((await purchase(body('R-0012'))).status).toBe(200) // a replay needs no new verification
    expect(await purchase(body('R-0013'))).toMatchObject({
      status: 403,
      body: { error: { code: 'MEMBER_CODE_REQUIRED' } },
    })
    t.clock.advanceMs(30_000)
    expect(
      (await t.json('POST', '/api/staff/member-code/verify', { code: await member.code() }, till.token)).status,
    ).toBe(200)
    t.clock.advanceMs(600_000)
    expect((await purchase(body('R-0014'))).status).toBe(403)
  })

  it('writes nothing for a stale code, and the receipt can then be recorded with a fresh one', async () => {
    const member = await newMember()
    const stale = await member.code()
    t.clock.advanceMs(60_000)
    const footprint = await ledgerFootprint(t)
    expect(await purchase({ code: stale, amountFen: 2_000, receiptNo: 'R-0020' })).toMatchObject({
      status: 404,
      body: { error: { code: 'MEMBER_CODE_INVALID' } },
    })
    expect(await ledgerFootprint(t)).toEqual(footprint)
    const failures = await t.db
      .selectFrom('failed_attempts')
      .select('subject')
      .where('kind', '=', 'member_code')
      .execute()
    expect(failures.map((f) => f.subject)).toContain(till.staffId)
    expect((await purchase({ code: await member.code(), amountFen: 2_000, receiptNo: 'R-0020' })).status).toBe(201)
  })
})
