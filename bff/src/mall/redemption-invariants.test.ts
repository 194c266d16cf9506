import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { verifyLedgers } from '../ledger/verify-ledgers'
import type { LocalPaymentProvider } from './local-payment-provider'
import { expireRedemptions } from './expire-redemptions'
import { adminCall, mallItem, memberWithPoints, redeem } from '../test/mall-fixtures'
import { postNotice } from '../test/payment-notices'
import { useTestApp } from '../test/test-app'

const t = useTestApp({}, { verifyLedgers: false })

/** One thing a shopper, WeChat, the merchant or the clock can do to the mall. */
type Step =
  | { op: 'redeem'; member: number; cash: boolean; quantity: number }
  | { op: 'pay' | 'cancel' | 'refund' | 'renotify'; pick: number }
  | { op: 'expire' }

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    op: fc.constant('redeem' as const),
    member: fc.nat(2),
    cash: fc.boolean(),
    quantity: fc.integer({ min: 1, max: 3 }),
  }),
  fc.record({
    op: fc.constantFrom('pay' as const, 'cancel' as const, 'refund' as const, 'renotify' as const),
    pick: fc.nat(20),
  }),
  fc.constant({ op: 'expire' as const }),
)

describe('whatever happens to redemptions, the ledgers and the stock add up', () => {
  it('random sequences of redeem, pay, duplicate notices, cancel, expire and refund keep every invariant', async () => {
    const local = t.deps.payments as LocalPaymentProvider
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 14 }), async (steps) => {
        const stock = 6
        const items = {
          points: await mallItem(t, { pointsPrice: 40, stock }),
          cash: await mallItem(t, { pointsPrice: 30, cashFen: 500, stock }),
        }
        const members = [await memberWithPoints(t, 300), await memberWithPoints(t, 300), await memberWithPoints(t, 300)]
        const ids: { id: string; token: string }[] = []
        for (const s of steps) {
          const target = 'pick' in s && ids.length > 0 ? ids[s.pick % ids.length] : null
          if (s.op === 'redeem') {
            const made = await redeem(t, members[s.member].token, {
              itemId: (s.cash ? items.cash : items.points).id,
              quantity: s.quantity,
            })
            if (made.status === 201) ids.push({ id: made.body.redemption.id, token: members[s.member].token })
          } else if (s.op === 'expire') {
            t.clock.advanceMs(16 * 60_000)
            await expireRedemptions(t.deps, t.clock.now())
          } else if (target && (s.op === 'pay' || s.op === 'renotify')) {
            const order = await local.queryOrder(target.id)
            if (order.amountFen !== null && order.tradeState !== 'CLOSED')
              await postNotice(t, local.pay(target.id, t.clock.now()))
          } else if (target && s.op === 'cancel') {
            await t.json('POST', `/api/me/redemptions/${target.id}/cancel`, {}, target.token)
          } else if (target && s.op === 'refund') {
            await adminCall(t, 'POST', `/api/admin/mall/redemptions/${target.id}/refund`, { reason: '随机退款' })
          }
        }
        const redemptions = await t.db
          .selectFrom('mall_redemptions')
          .selectAll()
          .where(
            'member_id',
            'in',
            members.map((m) => m.memberId),
          )
          .execute()
        for (const item of Object.values(items)) {
          const { stock: left } = await t.db
            .selectFrom('mall_items')
            .select('stock')
            .where('id', '=', item.id)
            .executeTakeFirstOrThrow()
          const out = redemptions.filter(
            (r) => r.item_id === item.id && (r.status === 'pending_payment' || r.status === 'completed'),
          )
          expect(left + out.reduce((sum, r) => sum + r.quantity, 0)).toBe(stock)
          expect(left).toBeGreaterThanOrEqual(0)
        }
        for (const m of members) {
          const mine = redemptions.filter((r) => r.member_id === m.memberId)
          const account = await t.db
            .selectFrom('ledger_accounts')
            .select(['balance', 'held'])
            .where('member_id', '=', m.memberId)
            .where('ledger', '=', 'points')
            .executeTakeFirstOrThrow()
          const spent = mine.filter((r) => r.status === 'completed').reduce((sum, r) => sum + r.points_cost, 0)
          const held = mine.filter((r) => r.status === 'pending_payment').reduce((sum, r) => sum + r.points_cost, 0)
          expect(account).toEqual({ balance: 300 - spent, held })
          expect(account.balance - account.held).toBeGreaterThanOrEqual(0)
        }
        expect(await verifyLedgers(t.db)).toEqual([])
      }),
      { numRuns: 15 },
    )
  }, 120_000)
})
