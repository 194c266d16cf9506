import { afterEach, describe, expect, it } from 'vitest'
import { verifyLedgers } from '../ledger/verify-ledgers'
import { mallItem, memberWithPoints, pointsAndStock, redeem } from '../test/mall-fixtures'
import { useTestApp } from '../test/test-app'

const t = useTestApp({}, { verifyLedgers: false })
afterEach(() => {
  delete process.env.MC_FAULT_THROW_AT
})

const count = (results: { status: number; body: any }[], status: number, code?: string) =>
  results.filter((r) => r.status === status && (code === undefined || r.body.error?.code === code)).length

describe('racing redemptions', () => {
  it('100 members, stock 10: exactly 10 win, 90 hear sold out, points debited exactly 10 times', async () => {
    const item = await mallItem(t, { pointsPrice: 50, stock: 10 })
    const members: { token: string; memberId: string }[] = []
    for (let i = 0; i < 100; i += 1) members.push(await memberWithPoints(t, 80))
    const results = await Promise.all(members.map((m) => redeem(t, m.token, { itemId: item.id })))
    expect(count(results, 201)).toBe(10)
    expect(count(results, 409, 'MALL_ITEM_SOLD_OUT')).toBe(90)
    const spends = await t.db
      .selectFrom('ledger_entries')
      .select(['member_id', 'amount'])
      .where('kind', '=', 'redeem')
      .where(
        'member_id',
        'in',
        members.map((m) => m.memberId),
      )
      .execute()
    expect(spends).toHaveLength(10)
    expect(spends.every((s) => s.amount === -50)).toBe(true)
    const winners = new Set(results.flatMap((r, i) => (r.status === 201 ? [members[i].memberId] : [])))
    expect(new Set(spends.map((s) => s.member_id))).toEqual(winners)
    for (const m of members) {
      const after = await pointsAndStock(t, m.memberId, item.id)
      expect(after).toEqual({ balance: winners.has(m.memberId) ? 30 : 80, held: 0, stock: 0 })
    }
    expect(await verifyLedgers(t.db)).toEqual([])
  })

  it('one member with 100 points, 20 parallel redemptions of a 60-point item: exactly one succeeds', async () => {
    const item = await mallItem(t, { pointsPrice: 60, stock: 100 })
    const { token, memberId } = await memberWithPoints(t, 100)
    const results = await Promise.all(Array.from({ length: 20 }, () => redeem(t, token, { itemId: item.id })))
    expect(count(results, 201)).toBe(1)
    expect(count(results, 409, 'POINTS_INSUFFICIENT')).toBe(19)
    expect(await pointsAndStock(t, memberId, item.id)).toEqual({ balance: 40, held: 0, stock: 99 })
    expect(await verifyLedgers(t.db)).toEqual([])
  })

  it('the per-member limit holds when one member sends 20 at once', async () => {
    const item = await mallItem(t, { pointsPrice: 1, stock: 100, perMemberLimit: 3 })
    const { token, memberId } = await memberWithPoints(t, 1000)
    const results = await Promise.all(Array.from({ length: 20 }, () => redeem(t, token, { itemId: item.id })))
    expect(count(results, 201)).toBe(3)
    expect(count(results, 409, 'MALL_LIMIT_REACHED')).toBe(17)
    expect(await pointsAndStock(t, memberId, item.id)).toEqual({ balance: 997, held: 0, stock: 97 })
  })

  it('the same key sent 10 times at once redeems once and every answer names the same redemption', async () => {
    const item = await mallItem(t, { pointsPrice: 5, stock: 100 })
    const { token, memberId } = await memberWithPoints(t, 100)
    const results = await Promise.all(
      Array.from({ length: 10 }, () => redeem(t, token, { itemId: item.id }, 'same-key-0000001')),
    )
    expect(new Set(results.map((r) => r.body.redemption.id)).size).toBe(1)
    expect(count(results, 201)).toBe(1)
    expect(count(results, 200)).toBe(9)
    expect(await pointsAndStock(t, memberId, item.id)).toEqual({ balance: 95, held: 0, stock: 99 })
  })
})

describe('a failure between the points hold and the stock decrement', () => {
  it('leaves neither change behind, and a retry with the same key then succeeds', async () => {
    const item = await mallItem(t, { pointsPrice: 30, stock: 5 })
    const { token, memberId } = await memberWithPoints(t, 100)
    process.env.MC_FAULT_THROW_AT = 'mall_redeem:between_points_and_stock'
    const failed = await redeem(t, token, { itemId: item.id }, 'fault-key-000001')
    expect(failed.status).toBe(500)
    expect(failed.body.error.code).toBe('INTERNAL')
    expect(JSON.stringify(failed.body)).not.toContain('fault injected')
    expect(await pointsAndStock(t, memberId, item.id)).toEqual({ balance: 100, held: 0, stock: 5 })
    expect(await t.db.selectFrom('points_holds').select('id').where('member_id', '=', memberId).execute()).toEqual([])
    expect(await t.db.selectFrom('mall_redemptions').select('id').where('member_id', '=', memberId).execute()).toEqual(
      [],
    )
    delete process.env.MC_FAULT_THROW_AT
    const retried = await redeem(t, token, { itemId: item.id }, 'fault-key-000001')
    expect(retried.status).toBe(201)
    expect(await pointsAndStock(t, memberId, item.id)).toEqual({ balance: 70, held: 0, stock: 4 })
    expect(await verifyLedgers(t.db)).toEqual([])
  })
})
