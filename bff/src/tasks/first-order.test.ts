import { describe, expect, it } from 'vitest'
import { postDebit } from '../ledger/post-entry'
import { publishedProgram } from '../program/published-program'
import { useTestApp } from '../test/test-app'
import { creditFirstOrder, reverseFirstOrder } from './first-order'

let phones = 0

/**
 * The first-order task's two moves, as the order path would make them in its transaction: the credit on a member's
 * first credited order and the reversal when that order is fully refunded (FMCG: 100 growth and 100 points).
 */
describe('first-order task: once while it stands, taken back by reversal', () => {
  const t = useTestApp()
  const member = async () => {
    const token = await t.joinedMember(
      `1393${String(process.pid % 1000).padStart(3, '0')}${String(++phones).padStart(4, '0')}`,
    )
    return { token, id: (await t.json('GET', '/api/me', undefined, token)).body.member.id as string }
  }
  const credit = (memberId: string, orderId: string) =>
    t.db.transaction().execute(async (trx) =>
      creditFirstOrder(trx, {
        memberId,
        orderId,
        program: await publishedProgram(trx),
        occurredAt: t.clock.now(),
        now: t.clock.now(),
      }),
    )
  const reverse = (memberId: string, orderId: string) =>
    t.db.transaction().execute(async (trx) => {
      for (const ledger of ['growth', 'points'] as const) {
        const program = await publishedProgram(trx)
        const now = t.clock.now()
        await reverseFirstOrder(trx, { memberId, orderId, ledger, refundId: 'r1', program, occurredAt: now, now })
      }
    })
  const entries = (memberId: string) =>
    t.db
      .selectFrom('ledger_entries')
      .select(['id', 'ledger', 'amount', 'kind', 'reverses_entry_id', 'reason'])
      .where('member_id', '=', memberId)
      .where('kind', 'in', ['first_order', 'reversal'])
      .orderBy('ledger')
      .orderBy('amount', 'desc')
      .execute()
  const firstOrderDone = async (token: string) =>
    (await t.json('GET', '/api/me/tasks', undefined, token)).body.tasks.find(
      (task: { key: string }) => task.key === 'first_order',
    ).done

  it('credits the first order once: a second order earns nothing while the first stands', async () => {
    const { token, id } = await member()
    expect((await credit(id, 'o-1'))?.entries.map((e) => [e.ledger, e.amount, e.reason])).toEqual([
      ['growth', 100, '首单奖励（订单 o-1）'],
      ['points', 100, '首单奖励（订单 o-1）'],
    ])
    expect(await credit(id, 'o-2')).toBeNull()
    expect((await entries(id)).length).toBe(2)
    expect(await firstOrderDone(token)).toBe(true)
  })

  it('takes it back as reversals of its entries once, and the next credited order earns it again', async () => {
    const { token, id } = await member()
    await credit(id, 'o-full')
    await reverse(id, 'o-other')
    expect((await entries(id)).length).toBe(2)
    await reverse(id, 'o-full')
    await reverse(id, 'o-full')
    const rows = await entries(id)
    const credits = rows.filter((row) => row.kind === 'first_order')
    expect(
      rows.filter((row) => row.kind === 'reversal').map((r) => [r.ledger, r.amount, r.reverses_entry_id, r.reason]),
    ).toEqual(credits.map((c) => [c.ledger, -c.amount, c.id, '订单 o-full 全额退款，收回首单奖励']))
    expect(await firstOrderDone(token)).toBe(false)
    expect(await credit(id, 'o-next')).not.toBeNull()
    expect(await firstOrderDone(token)).toBe(true)
  })

  it('claws back first-order points already spent as a debt rather than failing the refund', async () => {
    const { id } = await member()
    await credit(id, 'o-spent')
    await t.db.transaction().execute(async (trx) =>
      postDebit(trx, {
        memberId: id,
        ledger: 'points',
        amount: -100,
        kind: 'redeem',
        reason: '积分兑换',
        actor: 'member',
        idempotencyKey: `spend-${id}`,
        ruleVersion: 1,
        businessDay: '2026-11-23',
        occurredAt: t.clock.now(),
        now: t.clock.now(),
        debit: { from: 'earliest_expiry', respectHeld: true },
      }),
    )
    await reverse(id, 'o-spent')
    const account = await t.db
      .selectFrom('ledger_accounts')
      .select('balance')
      .where('member_id', '=', id)
      .where('ledger', '=', 'points')
      .executeTakeFirstOrThrow()
    expect(account.balance).toBe(-100)
  })

  it('credits one first order when twenty orders of one member credit at once', async () => {
    const { id } = await member()
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => credit(id, `race-${i}`)))
    expect(answers.filter((a) => a !== null)).toHaveLength(1)
    expect((await entries(id)).map((e) => [e.ledger, e.amount])).toEqual([
      ['growth', 100],
      ['points', 100],
    ])
  })
})
