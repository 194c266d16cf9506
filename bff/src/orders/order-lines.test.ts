import { beforeAll, describe, expect, it } from 'vitest'
import { orderEvent, sendOrderEvent } from '../test/order-events'
import { useTestApp } from '../test/test-app'

const lines = [
  { sku: 'tea-1', category: '茶饮', qty: 2, amountFen: 3_000 },
  { sku: 'cake-1', category: '烘焙', qty: 1, amountFen: 1_500 },
]

describe('POST /webhooks/orders keeps order lines for insights', () => {
  const t = useTestApp()
  let memberId: string
  beforeAll(async () => {
    const token = await t.joinedMember('13500000021')
    memberId = (await t.json('GET', '/api/me', undefined, token)).body.member.id
  })
  const linesOf = (orderId: string) =>
    t.db
      .selectFrom('order_lines')
      .select(['line_no', 'member_id', 'sku', 'category', 'qty', 'amount_fen', 'business_day'])
      .where('order_id', '=', orderId)
      .orderBy('line_no')
      .execute()

  it('stores each line of a paid order, dated by the business day of the payment', async () => {
    // 17:30 UTC on the 22nd is 01:30 on the 23rd in Shanghai: the 23rd's business day.
    const event = orderEvent('order.paid', 'ol-1', { memberId }, 4_500, { lines, occurredAt: '2026-11-22T17:30:00Z' })
    expect((await sendOrderEvent(t, event)).status).toBe(200)
    const day = '2026-11-23'
    expect(await linesOf('ol-1')).toEqual([
      { line_no: 1, member_id: memberId, sku: 'tea-1', category: '茶饮', qty: 2, amount_fen: 3_000, business_day: day },
      {
        line_no: 2,
        member_id: memberId,
        sku: 'cake-1',
        category: '烘焙',
        qty: 1,
        amount_fen: 1_500,
        business_day: day,
      },
    ])
  })

  it('adds no line when the same payment is replayed or re-sent under another event id', async () => {
    const event = orderEvent('order.paid', 'ol-2', { memberId }, 4_500, { lines })
    await sendOrderEvent(t, event)
    await sendOrderEvent(t, event)
    await sendOrderEvent(t, { ...event, id: 'evt_other_id_for_ol-2' })
    expect(await linesOf('ol-2')).toHaveLength(2)
  })

  it('adds no line for a refund or completion, and none for an order sent without lines', async () => {
    await sendOrderEvent(t, orderEvent('order.paid', 'ol-3', { memberId }, 1_000))
    await sendOrderEvent(t, orderEvent('order.completed', 'ol-3', { memberId }, 1_000, { lines }))
    await sendOrderEvent(
      t,
      orderEvent('order.refunded', 'ol-3', { memberId }, 1_000, { refundId: 'r1', refundAmountFen: 100, lines }),
    )
    expect(await linesOf('ol-3')).toEqual([])
  })

  it('cuts a category longer than the column to its first 32 characters', async () => {
    const long = '很长的品类名称'.repeat(6) // 42 characters, within the contract's 64
    const event = orderEvent('order.paid', 'ol-4', { memberId }, 100, {
      lines: [{ sku: 's', category: long, qty: 1, amountFen: 100 }],
    })
    await sendOrderEvent(t, event)
    expect((await linesOf('ol-4')).map((l) => l.category)).toEqual([long.slice(0, 32)])
  })
})
