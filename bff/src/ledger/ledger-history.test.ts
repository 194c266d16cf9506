import { beforeAll, describe, expect, it } from 'vitest'
import { orderEvent, sendOrderEvent } from '../test/order-events'
import { useTestApp } from '../test/test-app'

describe('member histories', () => {
  const t = useTestApp({}, { verifyLedgers: false })
  let token: string
  let otherToken: string
  beforeAll(async () => {
    token = await t.joinedMember('13000000001')
    otherToken = await t.joinedMember('13000000002')
    const memberId = (await t.json('GET', '/api/me', undefined, token)).body.member.id
    for (let i = 1; i <= 25; i += 1) {
      await sendOrderEvent(t, orderEvent('order.paid', `H-${i}`, { memberId }, i * 100))
      await sendOrderEvent(
        t,
        orderEvent('order.completed', `H-${i}`, { memberId }, i * 100, {
          occurredAt: `2026-11-2${(i % 3) + 3}T02:00:00.000Z`,
        }),
      )
    }
  })

  it('pages growth newest first by cursor, each entry with its Chinese reason, until the last page', async () => {
    const first = await t.json('GET', '/api/me/growth?limit=10', undefined, token)
    expect(first.body.entries).toHaveLength(10)
    expect(first.body.entries[0]).toMatchObject({
      amount: 25,
      kind: 'order',
      kindLabel: '订单消费',
      reason: '订单 H-25 实付 ¥25.00',
    })
    const seen: number[] = []
    let cursor: string | null = null
    do {
      const page: any = await t.json(
        'GET',
        `/api/me/growth?limit=10${cursor ? `&cursor=${cursor}` : ''}`,
        undefined,
        token,
      )
      seen.push(...page.body.entries.map((e: { amount: number }) => e.amount))
      cursor = page.body.nextCursor
    } while (cursor)
    // Oldest last: the first-order task's 100, posted with H-1's payment just before its own entry.
    expect(seen).toEqual([...Array.from({ length: 25 }, (_, i) => 25 - i), 100])
  })

  it("shows only the caller's own entries", async () => {
    expect((await t.json('GET', '/api/me/points', undefined, otherToken)).body).toEqual({
      entries: [],
      nextCursor: null,
    })
    expect((await t.json('GET', '/api/me/points/expiring', undefined, otherToken)).body).toEqual({ total: 0, lots: [] })
  })

  it('lists expiring points lot by lot, soonest first, with the total', async () => {
    const expiring = await t.json('GET', '/api/me/points/expiring', undefined, token)
    // 1 + 2 + … + 25 of the orders and 100 of the first-order task, all lapsing when 2027 ends.
    expect(expiring.body.total).toBe(325 + 100)
    expect(expiring.body.lots).toHaveLength(26)
    // The first-order task's lot (posted first) holds 100 points, enough for FMCG's 50-point extension of 30 days.
    expect(expiring.body.lots[0]).toMatchObject({
      points: 100,
      expiresAt: '2027-12-31T16:00:00.000Z',
      extension: { costPoints: 50, expiresAtAfter: '2028-01-30T16:00:00.000Z' },
      extendedFrom: null,
    })
    // Each order's lot holds at most 25 points, too few for FMCG's 50-point extension to be offered.
    for (const lot of expiring.body.lots.slice(1)) {
      expect(lot).toMatchObject({ expiresAt: '2027-12-31T16:00:00.000Z', extension: null, extendedFrom: null })
    }
  })

  it.each(['limit=0', 'limit=51', 'limit=abc', 'cursor=nope', 'extra=1'])('rejects ?%s with 400', async (query) => {
    const response = await t.json('GET', `/api/me/growth?${query}`, undefined, token)
    expect(response).toMatchObject({ status: 400, body: { error: { code: 'INVALID_REQUEST' } } })
  })

  it('needs a session', async () => {
    expect((await t.json('GET', '/api/me/growth')).status).toBe(401)
  })
})
