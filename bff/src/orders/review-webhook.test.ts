import { describe, expect, it } from 'vitest'
import { ledgerFootprint } from '../test/order-events'
import { shopRequest } from '../test/shop-requests'
import { testWebhookSecret, useTestApp } from '../test/test-app'

let phones = 0
let events = 0

/** A review.published event as the shop sends it. */
const reviewEvent = (memberId: string, reviewId: string, over: { id?: string; orderId?: string } = {}) => ({
  id: over.id ?? `evt_review_${++events}`,
  type: 'review.published',
  occurredAt: '2026-11-23T01:30:00.000Z',
  data: { reviewId, member: { memberId }, ...(over.orderId ? { orderId: over.orderId } : {}) },
})

const send = (t: ReturnType<typeof useTestApp>, event: unknown, options = {}) =>
  shopRequest(t, 'POST', '/webhooks/reviews', event, options)

describe('POST /webhooks/reviews: the review task (review.published, FMCG: 10 + 10, capped at 20 a day)', () => {
  const t = useTestApp()
  const member = async () => {
    const token = await t.joinedMember(
      `1392${String(process.pid % 1000).padStart(3, '0')}${String(++phones).padStart(4, '0')}`,
    )
    return (await t.json('GET', '/api/me', undefined, token)).body.member.id as string
  }
  const reviewEntries = (memberId: string) =>
    t.db
      .selectFrom('ledger_entries')
      .select(['ledger', 'amount', 'reason', 'ref_id'])
      .where('member_id', '=', memberId)
      .where('kind', '=', 'review')
      .orderBy('ledger')
      .execute()

  it('credits a review once, replays its event id, and answers duplicate_review for another id', async () => {
    const memberId = await member()
    const event = reviewEvent(memberId, 'rv-1', { orderId: 'o-77' })
    const first = await send(t, event)
    expect(first).toEqual({
      status: 200,
      body: { eventId: event.id, reviewId: 'rv-1', status: 'applied', memberId, growth: 10, points: 10 },
    })
    expect(await reviewEntries(memberId)).toEqual([
      { ledger: 'growth', amount: 10, reason: '评价订单 o-77', ref_id: 'rv-1' },
      { ledger: 'points', amount: 10, reason: '评价订单 o-77', ref_id: 'rv-1' },
    ])
    const before = await ledgerFootprint(t)
    expect(await send(t, event)).toEqual(first)
    expect(await ledgerFootprint(t)).toEqual(before)
    const again = await send(t, reviewEvent(memberId, 'rv-1', { orderId: 'o-77' }))
    expect(again.body).toMatchObject({ status: 'duplicate_review', growth: 0, points: 0 })
    expect((await reviewEntries(memberId)).length).toBe(2)
  })

  it('answers 409 naming the fields when an event id comes back with other content', async () => {
    const memberId = await member()
    const event = reviewEvent(memberId, 'rv-409')
    await send(t, event)
    const before = await ledgerFootprint(t)
    const changed = await send(t, { ...event, data: { ...event.data, reviewId: 'rv-other' } })
    expect(changed).toMatchObject({
      status: 409,
      body: { error: { code: 'IDEMPOTENCY_KEY_REUSED', details: { differingFields: ['data.reviewId'] } } },
    })
    expect(await ledgerFootprint(t)).toEqual(before)
  })

  it('caps the review credits of one business day', async () => {
    const memberId = await member()
    const answers = []
    for (const reviewId of ['cap-1', 'cap-2', 'cap-3'])
      answers.push((await send(t, reviewEvent(memberId, reviewId))).body)
    expect(answers.map((a) => [a.status, a.growth, a.points])).toEqual([
      ['applied', 10, 10],
      ['applied', 10, 10],
      ['applied', 0, 0],
    ])
  })

  it('credits once when the same event arrives twenty times at once', async () => {
    const memberId = await member()
    const event = reviewEvent(memberId, 'rv-race')
    const answers = await Promise.all(Array.from({ length: 20 }, () => send(t, event)))
    expect(new Set(answers.map((a) => JSON.stringify(a)))).toEqual(new Set([JSON.stringify(answers[0])]))
    expect(answers[0].body).toMatchObject({ status: 'applied', growth: 10 })
    expect((await reviewEntries(memberId)).length).toBe(2)
  })

  it('credits once when one review arrives under twenty event ids at once', async () => {
    const memberId = await member()
    const answers = await Promise.all(Array.from({ length: 20 }, () => send(t, reviewEvent(memberId, 'rv-ids'))))
    expect(answers.every((a) => a.status === 200)).toBe(true)
    expect(answers.filter((a) => a.body.status === 'applied')).toHaveLength(1)
    expect((await reviewEntries(memberId)).map((e) => e.amount)).toEqual([10, 10])
  })

  it.each([
    ['a wrong secret', { secret: 'whsec_someone_else_000000' }],
    ['no signature', { signature: null }],
    ['a stale timestamp', { timestamp: String(Math.floor(Date.parse('2026-11-23T02:00:00Z') / 1000) - 301) }],
  ])('refuses %s with 401 and writes nothing', async (_label, options) => {
    const memberId = await member()
    const before = await ledgerFootprint(t)
    const answer = await send(t, reviewEvent(memberId, 'rv-401'), options)
    expect(answer.status).toBe(401)
    expect(await ledgerFootprint(t)).toEqual(before)
  })

  it('refuses a body altered after signing', async () => {
    const memberId = await member()
    const event = reviewEvent(memberId, 'rv-tamper')
    const timestamp = String(Math.floor(t.clock.now().getTime() / 1000))
    const { createHmac } = await import('node:crypto')
    const signature = `sha256=${createHmac('sha256', testWebhookSecret)
      .update(`${timestamp}.${JSON.stringify(event)}`)
      .digest('hex')}`
    const response = await t.app.request('/webhooks/reviews', {
      method: 'POST',
      headers: { 'x-mc-timestamp': timestamp, 'x-mc-signature': signature },
      body: JSON.stringify({ ...event, data: { ...event.data, reviewId: 'rv-forged' } }),
    })
    expect(response.status).toBe(401)
    expect((await reviewEntries(memberId)).length).toBe(0)
  })

  it.each([
    ['an order type', (m: string) => ({ ...reviewEvent(m, 'rv-400'), type: 'order.paid' })],
    ['no member key', (m: string) => ({ ...reviewEvent(m, 'rv-400'), data: { reviewId: 'rv-400', member: {} } })],
    ['no review id', (m: string) => ({ ...reviewEvent(m, 'rv-400'), data: { member: { memberId: m } } })],
  ])('answers 400 for %s and writes nothing', async (_label, make) => {
    const memberId = await member()
    const before = await ledgerFootprint(t)
    expect((await send(t, make(memberId))).status).toBe(400)
    expect(await ledgerFootprint(t)).toEqual(before)
  })

  it('answers 404 for an unknown member and writes nothing', async () => {
    const before = await ledgerFootprint(t)
    const answer = await send(t, reviewEvent('mbr_nobody', 'rv-404'))
    expect(answer).toMatchObject({ status: 404, body: { error: { code: 'MEMBER_NOT_FOUND' } } })
    expect(await ledgerFootprint(t)).toEqual(before)
  })
})
