import { beforeAll, describe, expect, it } from 'vitest'
import { ledgerFootprint, orderEvent, sendOrderEvent } from '../test/order-events'
import { createTestApp, useTestApp } from '../test/test-app'

describe('POST /webhooks/orders: signature and replay', () => {
  const t = useTestApp()
  let memberId: string
  beforeAll(async () => {
    const token = await t.joinedMember('13500000001')
    memberId = (await t.json('GET', '/api/me', undefined, token)).body.member.id
  })

  it('applies a paid order: growth at once (FMCG), points waiting for completion', async () => {
    const paid = await sendOrderEvent(t, orderEvent('order.paid', 'o-1', { memberId }, 9_950))
    expect(paid).toMatchObject({
      status: 200,
      body: { status: 'applied', orderId: 'o-1', memberId, growth: 99, points: 0, tier: null },
    })
    const entries = await t.db
      .selectFrom('ledger_entries')
      .select(['ledger', 'amount', 'reason', 'rule_version'])
      .where('member_id', '=', memberId)
      .orderBy('ledger')
      .orderBy('account_version')
      .execute()
    // The member's first order also earns the first-order task, growth and points alike, posted before its own entry.
    expect(entries).toEqual([
      { ledger: 'growth', amount: 100, reason: '首单奖励（订单 o-1）', rule_version: 1 },
      { ledger: 'growth', amount: 99, reason: '订单 o-1 实付 ¥99.50', rule_version: 1 },
      { ledger: 'points', amount: 100, reason: '首单奖励（订单 o-1）', rule_version: 1 },
    ])
  })

  it('replays the first answer for the same event id and writes nothing', async () => {
    const event = orderEvent('order.paid', 'o-2', { memberId }, 1_000)
    const first = await sendOrderEvent(t, event)
    const before = await ledgerFootprint(t)
    const again = await sendOrderEvent(t, event)
    expect(again).toEqual(first)
    expect(await ledgerFootprint(t)).toEqual(before)
  })

  it('answers 409 naming the differing fields when an id comes back with other content', async () => {
    const event = orderEvent('order.paid', 'o-3', { memberId }, 1_000)
    await sendOrderEvent(t, event)
    const before = await ledgerFootprint(t)
    const changed = await sendOrderEvent(t, { ...event, data: { ...event.data, amountFen: 100_000, outletId: 'x' } })
    expect(changed).toMatchObject({
      status: 409,
      body: {
        error: { code: 'IDEMPOTENCY_KEY_REUSED', details: { differingFields: ['data.amountFen', 'data.outletId'] } },
      },
    })
    expect(await ledgerFootprint(t)).toEqual(before)
  })

  it.each([
    ['a wrong secret', { secret: 'whsec_someone_else_000000' }],
    ['no signature', { signature: null }],
    ['a malformed signature', { signature: 'sha256=zz' }],
    ['a stale timestamp', { timestamp: String(Math.floor(Date.parse('2026-11-23T02:00:00Z') / 1000) - 301) }],
    ['a future timestamp', { timestamp: String(Math.floor(Date.parse('2026-11-23T02:00:00Z') / 1000) + 301) }],
    ['a garbage timestamp', { timestamp: 'soon' }],
  ])('refuses %s with 401 and writes nothing', async (_label, options) => {
    const before = await ledgerFootprint(t)
    const response = await sendOrderEvent(t, orderEvent('order.paid', 'o-sig', { memberId }, 1_000), options)
    expect(response.status).toBe(401)
    expect(response.body.error.code).toMatch(/^WEBHOOK_(SIGNATURE_INVALID|TIMESTAMP_STALE)$/)
    expect(await ledgerFootprint(t)).toEqual(before)
  })

  it('refuses a body altered after signing', async () => {
    const event = orderEvent('order.paid', 'o-tamper', { memberId }, 1_000)
    const timestamp = String(Math.floor(t.clock.now().getTime() / 1000))
    const { signWebhook } = await import('../http/webhook-signature')
    const signature = signWebhook('whsec_test_0123456789abcdef', timestamp, JSON.stringify(event))
    const tampered = JSON.stringify({ ...event, data: { ...event.data, amountFen: 999_999 } })
    const response = await sendOrderEvent(t, null, { rawBody: tampered, timestamp, signature })
    expect(response).toMatchObject({ status: 401, body: { error: { code: 'WEBHOOK_SIGNATURE_INVALID' } } })
  })

  it.each([
    ['not JSON', '{"id":'],
    [
      'an unknown type',
      JSON.stringify({ ...orderEvent('order.paid', 'o-x', { memberId: 'mbr_x' }, 1), type: 'order.lost' }),
    ],
    ['no member key', JSON.stringify(orderEvent('order.paid', 'o-x', {}, 1))],
    ['a fractional amount', JSON.stringify(orderEvent('order.paid', 'o-x', { memberId: 'mbr_x' }, 1.5))],
    [
      'a refund without refundId',
      JSON.stringify(orderEvent('order.refunded', 'o-x', { memberId: 'mbr_x' }, 100, { refundAmountFen: 10 })),
    ],
  ])('answers 400 for %s and writes nothing', async (_label, rawBody) => {
    const before = await ledgerFootprint(t)
    const response = await sendOrderEvent(t, null, { rawBody })
    expect(response).toMatchObject({ status: 400, body: { error: { code: 'INVALID_REQUEST' } } })
    expect(await ledgerFootprint(t)).toEqual(before)
  })

  it('answers 404 for an unknown member, writes nothing, and takes the same event once the member exists', async () => {
    const event = orderEvent('order.paid', 'o-later', { phone: '13500000099' }, 5_000)
    const before = await ledgerFootprint(t)
    expect(await sendOrderEvent(t, event)).toMatchObject({ status: 404, body: { error: { code: 'MEMBER_NOT_FOUND' } } })
    expect(await ledgerFootprint(t)).toEqual(before)
    await t.joinedMember('13500000099')
    expect(await sendOrderEvent(t, event)).toMatchObject({ status: 200, body: { status: 'applied', growth: 50 } })
  })

  it('answers 503 when no webhook secret is configured', async () => {
    const off = await createTestApp({ webhookSecret: null })
    const response = await sendOrderEvent(off, orderEvent('order.paid', 'o-off', { memberId: 'x' }, 1))
    expect(response).toMatchObject({ status: 503, body: { error: { code: 'WEBHOOK_NOT_CONFIGURED' } } })
    await off.close()
  })
})
