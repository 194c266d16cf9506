import { describe, expect, it } from 'vitest'
import { accountBalances } from '../ledger/accounts'
import { postEntry } from '../ledger/post-entry'
import { entryKinds, orderEvent, sendOrderEvent } from '../test/order-events'
import { useTestApp } from '../test/test-app'

// Each member's first online order also earns the first-order task (FMCG: 100 growth and 100 points, both with the
// payment), taken back when that order is fully refunded; the figures below count it.
describe('order lifecycle: completion, refunds, parking, clawback, upgrade', () => {
  const t = useTestApp()
  let phoneSeq = 0
  const newMember = async () => {
    phoneSeq += 1
    const token = await t.joinedMember(`1340000${String(phoneSeq).padStart(4, '0')}`)
    const me = await t.json('GET', '/api/me', undefined, token)
    return { token, memberId: me.body.member.id as string }
  }

  it('credits points on completion, with a lot that lapses when the following year ends', async () => {
    const { memberId, token } = await newMember()
    await sendOrderEvent(t, orderEvent('order.paid', 'L-1', { memberId }, 20_000))
    // Only the first-order task's points: the order's own wait for completion.
    expect((await t.json('GET', '/api/me', undefined, token)).body.points.balance).toBe(100)
    const done = await sendOrderEvent(
      t,
      orderEvent('order.completed', 'L-1', { memberId }, 20_000, { occurredAt: '2026-11-25T02:00:00.000Z' }),
    )
    expect(done.body).toMatchObject({ status: 'applied', points: 200, growth: 0 })
    const lots = await t.db
      .selectFrom('ledger_lots')
      .select(['remaining', 'expires_at'])
      .where('member_id', '=', memberId)
      .where('ledger', '=', 'points')
      .orderBy('remaining')
      .execute()
    expect(lots).toEqual([
      { remaining: 100, expires_at: '2027-12-31T16:00:00.000Z' },
      { remaining: 200, expires_at: '2027-12-31T16:00:00.000Z' },
    ])
    const again = await sendOrderEvent(t, orderEvent('order.completed', 'L-1', { memberId }, 20_000))
    expect(again.body).toMatchObject({ status: 'applied', points: 0 })
  })

  it('reverses partial refunds proportionally and a full refund exactly', async () => {
    const { memberId } = await newMember()
    await sendOrderEvent(t, orderEvent('order.paid', 'L-2', { memberId }, 30_000))
    await sendOrderEvent(t, orderEvent('order.completed', 'L-2', { memberId }, 30_000))
    const r1 = await sendOrderEvent(
      t,
      orderEvent('order.refunded', 'L-2', { memberId }, 30_000, { refundId: 'r1', refundAmountFen: 10_000 }),
    )
    expect(r1.body).toMatchObject({ growth: -100, points: -100 })
    expect(await accountBalances(t.db, memberId)).toMatchObject({ growth: 300, points: 300 })
    const dup = await sendOrderEvent(
      t,
      orderEvent('order.refunded', 'L-2', { memberId }, 30_000, { refundId: 'r1', refundAmountFen: 10_000 }),
    )
    expect(dup.body).toMatchObject({ status: 'duplicate_refund', growth: 0, points: 0 })
    await sendOrderEvent(
      t,
      orderEvent('order.refunded', 'L-2', { memberId }, 30_000, { refundId: 'r2', refundAmountFen: 50_000 }),
    )
    expect(await accountBalances(t.db, memberId)).toMatchObject({ growth: 0, points: 0 })
    const refunds = await t.db
      .selectFrom('ledger_entries')
      .select(['amount', 'reason'])
      .where('member_id', '=', memberId)
      .where('kind', '=', 'refund')
      .orderBy('id')
      .execute()
    expect(refunds.map((e) => e.reason)).toContain('订单 L-2 退款 ¥100.00')
  })

  it('reverses uneven refunds of 30,001 fen (10,000 + 10,000 + the rest) exactly; the last returns all', async () => {
    const { memberId } = await newMember()
    await sendOrderEvent(t, orderEvent('order.paid', 'L-2b', { memberId }, 30_001))
    await sendOrderEvent(t, orderEvent('order.completed', 'L-2b', { memberId }, 30_001))
    expect(await accountBalances(t.db, memberId)).toMatchObject({ growth: 400, points: 400 })
    const refund = (refundId: string, refundAmountFen: number) =>
      sendOrderEvent(t, orderEvent('order.refunded', 'L-2b', { memberId }, 30_001, { refundId, refundAmountFen }))
    // Cumulative floors: 300 × 10,000 / 30,001 = 99.99 → 99; × 20,000 → 199 (100 more); × 30,001 → 300 (101 more).
    // The first-order task's 100 stands until the last refund makes it a full one.
    expect((await refund('u1', 10_000)).body).toMatchObject({ status: 'applied', growth: -99, points: -99 })
    expect(await accountBalances(t.db, memberId)).toMatchObject({ growth: 301, points: 301 })
    expect((await refund('u2', 10_000)).body).toMatchObject({ status: 'applied', growth: -100, points: -100 })
    expect(await accountBalances(t.db, memberId)).toMatchObject({ growth: 201, points: 201 })
    expect((await refund('u3', 10_001)).body).toMatchObject({ status: 'applied', growth: -101, points: -101 })
    expect(await accountBalances(t.db, memberId)).toMatchObject({ growth: 0, points: 0 })
    const order = await t.db
      .selectFrom('orders')
      .select(['refunded_fen'])
      .where('order_id', '=', 'L-2b')
      .executeTakeFirstOrThrow()
    expect(order.refunded_fen).toBe(30_001)
    const lots = await t.db
      .selectFrom('ledger_lots')
      .select(['ledger', 'remaining'])
      .where('member_id', '=', memberId)
      .orderBy('ledger')
      .execute()
    // The order's lots and the first-order task's, all taken back.
    expect(lots).toEqual([
      { ledger: 'growth', remaining: 0 },
      { ledger: 'growth', remaining: 0 },
      { ledger: 'points', remaining: 0 },
      { ledger: 'points', remaining: 0 },
    ])
  })

  it('answers a payment re-sent under a new event id with 200 and posts nothing more', async () => {
    const { memberId } = await newMember()
    const first = await sendOrderEvent(t, orderEvent('order.paid', 'L-8', { memberId }, 20_000))
    expect(first).toMatchObject({ status: 200, body: { status: 'applied', growth: 200 } })
    // The same payment as a shop would re-send it, and one whose amount changed: neither may credit again.
    for (const amountFen of [20_000, 90_000]) {
      const again = await sendOrderEvent(t, orderEvent('order.paid', 'L-8', { memberId }, amountFen))
      expect(again).toMatchObject({ status: 200, body: { status: 'applied', memberId, growth: 0, points: 0 } })
    }
    const entries = await entryKinds(t, memberId)
    expect(entries).toEqual([
      { ledger: 'growth', kind: 'first_order', amount: 100 },
      { ledger: 'growth', kind: 'order', amount: 200 },
      { ledger: 'points', kind: 'first_order', amount: 100 },
    ])
    const order = await t.db
      .selectFrom('orders')
      .select(['paid_fen', 'growth_credited'])
      .where('order_id', '=', 'L-8')
      .executeTakeFirstOrThrow()
    expect(order).toEqual({ paid_fen: 20_000, growth_credited: 200 })
  })

  it('parks a refund that arrives before its payment (202) and applies it once the payment comes', async () => {
    const { memberId } = await newMember()
    const refund = orderEvent('order.refunded', 'L-3', { memberId }, 10_000, { refundId: 'r1', refundAmountFen: 4_000 })
    const parked = await sendOrderEvent(t, refund)
    expect(parked).toMatchObject({ status: 202, body: { status: 'parked' } })
    expect(await accountBalances(t.db, memberId)).toMatchObject({ growth: 0, points: 0 })
    await sendOrderEvent(t, orderEvent('order.paid', 'L-3', { memberId }, 10_000))
    // 100 − 40 of the order's own, and the first-order task's 100 (a partial refund leaves it).
    expect(await accountBalances(t.db, memberId)).toMatchObject({ growth: 160 })
    expect(await sendOrderEvent(t, refund)).toEqual(parked) // the first outcome, replayed
    const negativeEarnings = await t.db
      .selectFrom('ledger_entries')
      .select('id')
      .where('member_id', '=', memberId)
      .where('kind', '=', 'order')
      .where('amount', '<', 0)
      .execute()
    expect(negativeEarnings).toEqual([])
  })

  it('claws back spent points as a debt that blocks spending until earnings repay it', async () => {
    const { memberId, token } = await newMember()
    await sendOrderEvent(t, orderEvent('order.paid', 'L-4', { memberId }, 10_000))
    await sendOrderEvent(t, orderEvent('order.completed', 'L-4', { memberId }, 10_000))
    const spend = (points: number) =>
      t.db.transaction().execute((trx) =>
        postEntry(trx, {
          memberId,
          ledger: 'points',
          amount: -points,
          kind: 'redeem',
          reason: '积分兑换',
          actor: 'member',
          ruleVersion: 1,
          businessDay: '2026-11-23',
          occurredAt: t.clock.now(),
          now: t.clock.now(),
          debit: { from: 'earliest_expiry', respectHeld: true },
        }),
      )
    // 200 points (the order's and the first-order task's), 80 spent; the full refund takes back both.
    await spend(80)
    await sendOrderEvent(
      t,
      orderEvent('order.refunded', 'L-4', { memberId }, 10_000, { refundId: 'r1', refundAmountFen: 10_000 }),
    )
    const me = (await t.json('GET', '/api/me', undefined, token)).body
    expect(me.points).toMatchObject({ balance: -80, available: 0, debt: 80 })
    await expect(spend(1)).rejects.toMatchObject({ code: 'POINTS_INSUFFICIENT' })
    await sendOrderEvent(t, orderEvent('order.paid', 'L-5', { memberId }, 10_000))
    await sendOrderEvent(t, orderEvent('order.completed', 'L-5', { memberId }, 10_000))
    // L-5 is now the first credited order that stands, so it earns the first-order task again with its payment:
    // its 100 points repay the 80 of debt, then the order's own 100 come on completion.
    expect(await accountBalances(t.db, memberId)).toMatchObject({ points: 120 })
    const lots = await t.db
      .selectFrom('ledger_lots')
      .select(['amount', 'remaining'])
      .where('member_id', '=', memberId)
      .where('ledger', '=', 'points')
      .orderBy('remaining')
      .execute()
    // only what was left after repaying the debt is spendable
    expect(lots.slice(-2)).toEqual([
      { amount: 20, remaining: 20 },
      { amount: 100, remaining: 100 },
    ])
  })

  it('upgrades at once when an order takes growth over a threshold, and /api/me explains the rest', async () => {
    const { memberId, token } = await newMember()
    // 1,700 growth of the order and 100 of the first-order task posted before it: 1,800 in all.
    const paid = await sendOrderEvent(t, orderEvent('order.paid', 'L-6', { memberId }, 170_000))
    expect(paid.body.tier).toEqual({ from: 'regular', to: 'silver' })
    const me = (await t.json('GET', '/api/me', undefined, token)).body
    expect(me).toMatchObject({
      growth: 1800,
      tier: { id: 'silver', name: '白银会员' },
      validUntil: '2027-11-23',
      nextTier: { id: 'gold' },
      growthNeeded: 200,
      percent: 86,
      paths: [{ kind: 'order', amountFen: 20_000 }],
      // All of today's growth leaves the 365-day window the day before validity ends, so all of it is at
      // risk and keeping 白银 takes 400 new growth by then.
      atRiskGrowth: 1800,
      retain: { threshold: 400, byDay: '2027-11-23', growthShort: 400 },
    })
    const changes = await t.db
      .selectFrom('tier_changes')
      .select(['kind', 'from_key', 'to_key'])
      .where('member_id', '=', memberId)
      .orderBy('id')
      .execute()
    expect(changes).toEqual([
      { kind: 'join', from_key: null, to_key: 'regular' },
      { kind: 'upgrade', from_key: 'regular', to_key: 'silver' },
    ])
  })

  it('shows growth from paid-but-not-completed orders as pending when growth waits for completion', async () => {
    const { memberId, token } = await newMember()
    // Under FMCG growth is credited on payment, so nothing is pending.
    await sendOrderEvent(t, orderEvent('order.paid', 'L-7', { memberId }, 5_000))
    // 50 of the order and 100 of the first-order task, both credited.
    expect((await t.json('GET', '/api/me', undefined, token)).body).toMatchObject({ growth: 150, pendingGrowth: 0 })
  })
})
