import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { accountBalances } from '../ledger/accounts'
import { entryKinds, orderEvent, sendOrderEvent } from '../test/order-events'
import { adminCall } from '../test/mall-fixtures'
import { useTestApp } from '../test/test-app'

// A member's first online order also earns the first-order task (FMCG: 100 growth and 100 points, posted before the
// order's own entry); the figures below count it, and that it lands once however many orders arrive at once.
describe('order events under concurrency and in any order', () => {
  const t = useTestApp()
  let phoneSeq = 0
  const newMemberId = async () => {
    phoneSeq += 1
    const token = await t.joinedMember(`1330000${String(phoneSeq).padStart(4, '0')}`)
    return (await t.json('GET', '/api/me', undefined, token)).body.member.id as string
  }

  it('100 parallel deliveries of one event post once, and every caller gets the same answer', async () => {
    const memberId = await newMemberId()
    const event = orderEvent('order.paid', 'C-1', { memberId }, 12_345)
    const answers = await Promise.all(Array.from({ length: 100 }, () => sendOrderEvent(t, event)))
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1)
    expect(answers[0]).toMatchObject({ status: 200, body: { growth: 123 } })
    const entries = await entryKinds(t, memberId)
    expect(entries).toEqual([
      { ledger: 'growth', kind: 'first_order', amount: 100 },
      { ledger: 'growth', kind: 'order', amount: 123 },
      { ledger: 'points', kind: 'first_order', amount: 100 },
    ])
  })

  it('100 parallel distinct events for one member leave exactly their sum', async () => {
    const memberId = await newMemberId()
    const amounts = Array.from({ length: 100 }, (_, i) => 1_000 + i * 137)
    const answers = await Promise.all(
      amounts.map((fen, i) => sendOrderEvent(t, orderEvent('order.paid', `C-2-${i}`, { memberId }, fen))),
    )
    expect(answers.every((a) => a.status === 200)).toBe(true)
    // The orders' growth and the first-order task's 100, earned by exactly one of them.
    const expected = amounts.reduce((sum, fen) => sum + Math.floor(fen / 100), 0)
    expect(await accountBalances(t.db, memberId)).toMatchObject({ growth: 100 + expected, points: 100 })
    const versions = await t.db
      .selectFrom('ledger_entries')
      .select('account_version')
      .where('member_id', '=', memberId)
      .where('ledger', '=', 'growth')
      .orderBy('account_version')
      .execute()
    expect(versions.map((v) => v.account_version)).toEqual(Array.from({ length: 101 }, (_, i) => i + 1))
  })

  it('50 parallel first orders of a member with a growth account earn the first-order task once', async () => {
    // With the account in place, a payment locks it in its first read and its order insert asks whether the task
    // stands (order-statements.ts), instead of locking and asking later: one of the 50 earns it, whichever.
    const memberId = await newMemberId()
    const seeded = await adminCall(
      t,
      'POST',
      `/api/admin/members/${memberId}/adjustments`,
      { ledger: 'growth', amount: 10, reason: '测试成长值' },
      `seed-${memberId}`,
    )
    expect(seeded.status).toBe(201)
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        sendOrderEvent(t, orderEvent('order.paid', `C-5-${i}`, { memberId }, 1_000)),
      ),
    )
    expect(answers.every((a) => a.status === 200)).toBe(true)
    const firsts = (await entryKinds(t, memberId)).filter((e) => e.kind === 'first_order')
    expect(firsts).toEqual([
      { ledger: 'growth', kind: 'first_order', amount: 100 },
      { ledger: 'points', kind: 'first_order', amount: 100 },
    ])
    expect(await accountBalances(t.db, memberId)).toMatchObject({ growth: 10 + 100 + 50 * 10, points: 100 })
  })

  it('20 re-sends of a paid order under new event ids at once all answer 200 and post nothing more', async () => {
    const memberId = await newMemberId()
    const first = await sendOrderEvent(t, orderEvent('order.paid', 'C-3', { memberId }, 45_600))
    expect(first).toMatchObject({ status: 200, body: { growth: 456 } })
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => sendOrderEvent(t, orderEvent('order.paid', 'C-3', { memberId }, 45_600))),
    )
    expect(new Set(answers.map((a) => a.body.eventId)).size).toBe(20)
    for (const answer of answers)
      expect(answer).toMatchObject({ status: 200, body: { status: 'applied', memberId, growth: 0, points: 0 } })
    const entries = (await entryKinds(t, memberId)).map(({ amount }) => ({ amount }))
    expect(entries).toEqual([{ amount: 100 }, { amount: 456 }, { amount: 100 }])
    expect(await accountBalances(t.db, memberId)).toMatchObject({ growth: 100 + 456, points: 100 })
  })

  it('20 first payments of one order under different event ids at once post once', async () => {
    const memberId = await newMemberId()
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => sendOrderEvent(t, orderEvent('order.paid', 'C-4', { memberId }, 7_800))),
    )
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200))
    expect(answers.filter((a) => a.body.growth === 78)).toHaveLength(1)
    const entries = (await entryKinds(t, memberId)).map(({ amount }) => ({ amount }))
    expect(entries).toEqual([{ amount: 100 }, { amount: 78 }, { amount: 100 }])
  })

  it('ends with the same balances for every arrival order of paid, partial refunds and completion', async () => {
    const results = new Map<string, string>()
    let run = 0
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 100, max: 500_000 }),
        fc.integer({ min: 1, max: 99 }),
        fc.integer({ min: 1, max: 99 }),
        fc.shuffledSubarray([0, 1, 2, 3], { minLength: 4, maxLength: 4 }),
        async (paidFen, pct1, pct2, order) => {
          run += 1
          const memberId = await newMemberId()
          const orderId = `P-${run}`
          const refund1 = Math.floor((paidFen * pct1) / 100) || 1
          const refund2 = Math.floor((paidFen * pct2) / 100) || 1
          const events = [
            orderEvent('order.paid', orderId, { memberId }, paidFen),
            orderEvent('order.refunded', orderId, { memberId }, paidFen, { refundId: 'a', refundAmountFen: refund1 }),
            orderEvent('order.refunded', orderId, { memberId }, paidFen, { refundId: 'b', refundAmountFen: refund2 }),
            orderEvent('order.completed', orderId, { memberId }, paidFen),
          ]
          for (const index of order) expect((await sendOrderEvent(t, events[index])).status).toBeLessThan(300)
          const balances = await accountBalances(t.db, memberId)
          const key = `${paidFen}/${refund1}/${refund2}`
          const earned = Math.floor(paidFen / 100)
          const refunded = Math.min(paidFen, refund1 + refund2)
          // The first-order task's 100 stands unless the refunds add up to the whole order.
          const task = refunded < paidFen ? 100 : 0
          const expected = earned - Math.floor((earned * refunded) / paidFen) + task
          expect(balances.growth).toBe(expected)
          expect(balances.points).toBe(expected) // regular tier, not a birthday month: 1 point per yuan
          const seen = results.get(key)
          if (seen) expect(JSON.stringify(balances)).toBe(seen)
          results.set(key, JSON.stringify(balances))
        },
      ),
      { numRuns: 40 },
    )
  }, 60_000)
})
