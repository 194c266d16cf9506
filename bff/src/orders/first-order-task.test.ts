import { describe, expect, it } from 'vitest'
import { accountBalances } from '../ledger/accounts'
import { orderEvent, sendOrderEvent } from '../test/order-events'
import { useTestApp } from '../test/test-app'

/**
 * The first-order task through the real order webhook (FMCG firstOrder: 100 growth and 100 points): the member's
 * first credited online order earns it before its own entry, a second order does not, a full refund of the first
 * takes it back as a reversal and a partial refund leaves it standing.
 */
describe('first-order task through the order webhook', () => {
  const t = useTestApp()
  let phoneSeq = 0
  const newMember = async () => {
    phoneSeq += 1
    const token = await t.joinedMember(`1395000${String(phoneSeq).padStart(4, '0')}`)
    const me = await t.json('GET', '/api/me', undefined, token)
    return { token, memberId: me.body.member.id as string }
  }
  const entries = (memberId: string) =>
    t.db
      .selectFrom('ledger_entries')
      .select(['id', 'ledger', 'kind', 'amount', 'balance_after', 'reverses_entry_id'])
      .where('member_id', '=', memberId)
      .orderBy('ledger')
      .orderBy('account_version')
      .execute()
  const pay = (memberId: string, orderId: string, fen: number) =>
    sendOrderEvent(t, orderEvent('order.paid', orderId, { memberId }, fen))
  const complete = (memberId: string, orderId: string, fen: number) =>
    sendOrderEvent(t, orderEvent('order.completed', orderId, { memberId }, fen))
  const refund = (memberId: string, orderId: string, fen: number, refundId: string, refundAmountFen: number) =>
    sendOrderEvent(t, orderEvent('order.refunded', orderId, { memberId }, fen, { refundId, refundAmountFen }))

  it('credits first_order on both ledgers with the first order, before its entry; the second earns none', async () => {
    const { memberId } = await newMember()
    expect((await pay(memberId, 'F-1', 20_000)).body).toMatchObject({ status: 'applied', growth: 200 })
    const afterPaid = await entries(memberId)
    // Per account in posting order: the task's growth comes before the order's own (balance 100, then 300).
    expect(
      afterPaid.map(({ ledger, kind, amount, balance_after }) => ({ ledger, kind, amount, balance_after })),
    ).toEqual([
      { ledger: 'growth', kind: 'first_order', amount: 100, balance_after: 100 },
      { ledger: 'growth', kind: 'order', amount: 200, balance_after: 300 },
      { ledger: 'points', kind: 'first_order', amount: 100, balance_after: 100 },
    ])
    await complete(memberId, 'F-1', 20_000)
    expect(await accountBalances(t.db, memberId)).toMatchObject({ growth: 300, points: 300 })
    await pay(memberId, 'F-2', 10_000)
    await complete(memberId, 'F-2', 10_000)
    const all = await entries(memberId)
    expect(all.filter((e) => e.kind === 'first_order')).toHaveLength(2)
    expect(all.filter((e) => e.kind === 'order').map((e) => e.amount)).toEqual([200, 100, 200, 100])
    expect(await accountBalances(t.db, memberId)).toMatchObject({ growth: 400, points: 400 })
  })

  it('reverses the first-order entries when the first order is fully refunded, not on a partial refund', async () => {
    const { memberId } = await newMember()
    await pay(memberId, 'F-3', 20_000)
    await complete(memberId, 'F-3', 20_000)
    expect(await accountBalances(t.db, memberId)).toMatchObject({ growth: 300, points: 300 })
    // Half refunded: half the order's own 200 goes, the first-order task stands.
    await refund(memberId, 'F-3', 20_000, 'p1', 10_000)
    expect(await accountBalances(t.db, memberId)).toMatchObject({ growth: 200, points: 200 })
    expect((await entries(memberId)).filter((e) => e.kind === 'reversal')).toEqual([])
    // The rest refunded: the order's remaining 100 and the task's 100 on each ledger are taken back.
    await refund(memberId, 'F-3', 20_000, 'p2', 10_000)
    expect(await accountBalances(t.db, memberId)).toMatchObject({ growth: 0, points: 0 })
    const all = await entries(memberId)
    const firsts = all.filter((e) => e.kind === 'first_order')
    const reversals = all.filter((e) => e.kind === 'reversal')
    expect(reversals.map(({ ledger, amount }) => ({ ledger, amount }))).toEqual([
      { ledger: 'growth', amount: -100 },
      { ledger: 'points', amount: -100 },
    ])
    expect(reversals.map((e) => e.reverses_entry_id).sort()).toEqual(firsts.map((e) => e.id).sort())
  })

  it('a full refund in one go takes the task back; the next credited order earns it again', async () => {
    const { memberId } = await newMember()
    await pay(memberId, 'F-4', 20_000)
    await refund(memberId, 'F-4', 20_000, 'all', 20_000)
    expect(await accountBalances(t.db, memberId)).toMatchObject({ growth: 0, points: 0 })
    await pay(memberId, 'F-5', 10_000)
    await complete(memberId, 'F-5', 10_000)
    expect(await accountBalances(t.db, memberId)).toMatchObject({ growth: 200, points: 200 })
    const firsts = (await entries(memberId)).filter((e) => e.kind === 'first_order' && e.amount > 0)
    expect(firsts).toHaveLength(4)
  })
})
