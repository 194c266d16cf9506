import { describe, expect, it } from 'vitest'
import { mallItem, memberWithPoints, redeem } from '../test/mall-fixtures'
import { orderEvent, sendOrderEvent } from '../test/order-events'
import { memberWithCode, outletWithStaff } from '../test/staff-fixtures'
import { useTestApp } from '../test/test-app'

// issue 16: the member's history names the shop online or the store, never an order id or a database key.
describe("the member's history says where each entry came from", () => {
  const t = useTestApp({}, { verifyLedgers: false })
  const history = async (token: string, ledger: 'points' | 'growth') =>
    (await t.json('GET', `/api/me/${ledger}?limit=50`, undefined, token)).body.entries as any[]

  it('an online order, its refund, and a till purchase at a named store with its refund', async () => {
    const till = await outletWithStaff(t, { outletName: '徐汇滨江店' })
    const member = await memberWithCode(t, '13000001601')
    const paid = orderEvent('order.paid', 'WEB-16', { memberId: member.memberId }, 12_345)
    await sendOrderEvent(t, paid)
    await sendOrderEvent(
      t,
      orderEvent('order.refunded', 'WEB-16', { memberId: member.memberId }, 12_345, {
        refundId: 'r:1',
        refundAmountFen: 2_000,
      }),
    )
    const bought = await t.json(
      'POST',
      '/api/staff/purchases',
      { code: await member.code(), amountFen: 8_650, receiptNo: 'R-16' },
      till.token,
    )
    expect(bought.status).toBe(201)
    const orderId = bought.body.orderId as string
    // A till order's id has colons of its own (pos:<outlet>:<receipt>), and so does this refund's id.
    await sendOrderEvent(
      t,
      orderEvent('order.refunded', orderId, { memberId: member.memberId }, 8_650, {
        refundId: 'r:2',
        refundAmountFen: 650,
      }),
    )
    const entries = await history(member.token, 'growth')
    const online = { type: 'order', channel: 'online', outletName: null, paidFen: 12_345 }
    const store = { type: 'order', channel: 'outlet', outletName: '徐汇滨江店', paidFen: 8_650 }
    expect(entries.filter((e) => e.kind === 'order' || e.kind === 'refund').map((e) => [e.kind, e.source])).toEqual([
      ['refund', { ...store, refundFen: 650 }],
      ['order', { ...store, refundFen: null }],
      ['refund', { ...online, refundFen: 2_000 }],
      ['order', { ...online, refundFen: null }],
    ])
    // The first-order reward names its order's channel too.
    expect(entries.find((e) => e.kind === 'first_order')?.source).toEqual({ ...online, refundFen: null })
  })

  it('a redemption names the item; entries with nothing to name have no source', async () => {
    const item = await mallItem(t, { title: '保温杯', pointsPrice: 40 })
    const member = await memberWithPoints(t, 100)
    expect((await redeem(t, member.token, { itemId: item.id, quantity: 2 })).status).toBe(201)
    const [spend, adjustment] = await history(member.token, 'points')
    expect(spend).toMatchObject({ kind: 'redeem', source: { type: 'redemption', itemTitle: '保温杯', quantity: 2 } })
    expect(adjustment).toMatchObject({ kind: 'adjustment', source: null })
  })
})
