import { describe, expect, it } from 'vitest'
import { verifyLedgers } from '../ledger/verify-ledgers'
import { adminCall, mallItem, memberWithPoints, pointsAndStock, redeem } from '../test/mall-fixtures'
import { useTestApp } from '../test/test-app'
import { insertUnlessCodeTaken } from './complete-redemption'

const t = useTestApp({}, { verifyLedgers: false })

describe('redeeming a points-only item', () => {
  it('completes at once: points spent through a hold, stock taken, pickup code issued', async () => {
    const item = await mallItem(t, { pointsPrice: 60, stock: 5 })
    const { token, memberId } = await memberWithPoints(t, 100)
    const result = await redeem(t, token, { itemId: item.id })
    expect(result.status).toBe(201)
    expect(result.body.payment).toBeNull()
    expect(result.body.redemption).toMatchObject({
      status: 'completed',
      statusLabel: '待自提',
      pointsCost: 60,
      cashFen: 0,
    })
    expect(result.body.redemption.pickupCode).toMatch(/^\d{10}$/)
    // The number the shopper reads out: 13 digits from the id, the same on every later read (issue 16).
    const { id, orderNo } = result.body.redemption
    expect(orderNo).toMatch(/^\d{13}$/)
    expect(orderNo).not.toContain('rdm')
    const again = await t.app.request(`/api/me/redemptions/${id}`, { headers: { authorization: `Bearer ${token}` } })
    expect(((await again.json()) as { redemption: { orderNo: string } }).redemption.orderNo).toBe(orderNo)
    expect(await pointsAndStock(t, memberId, item.id)).toEqual({ balance: 40, held: 0, stock: 4 })
    const hold = await t.db
      .selectFrom('points_holds')
      .selectAll()
      .where('member_id', '=', memberId)
      .executeTakeFirstOrThrow()
    expect(hold).toMatchObject({
      status: 'captured',
      points: 60,
      ref_type: 'mall_redemption',
      ref_id: result.body.redemption.id,
    })
    expect(hold.settled_at).toBe(hold.created_at)
    const placed = await t.db
      .selectFrom('mall_redemptions')
      .select('hold_id')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(placed.hold_id).toBe(hold.id)
    const spend = await t.db
      .selectFrom('ledger_entries')
      .selectAll()
      .where('member_id', '=', memberId)
      .where('kind', '=', 'redeem')
      .executeTakeFirstOrThrow()
    expect(spend).toMatchObject({
      amount: -60,
      ref_type: 'mall_redemption',
      ref_id: result.body.redemption.id,
      reason: '积分兑换「帆布袋」×1',
    })
    expect(await verifyLedgers(t.db)).toEqual([])
  })

  it("replays a repeated Idempotency-Key's first answer and writes nothing more; other content is a 409", async () => {
    const item = await mallItem(t, { pointsPrice: 10 })
    const { token, memberId } = await memberWithPoints(t, 100)
    const first = await redeem(t, token, { itemId: item.id }, 'redeem-key-0001')
    const again = await redeem(t, token, { itemId: item.id }, 'redeem-key-0001')
    expect(again.status).toBe(200)
    expect(again.body.redemption.id).toBe(first.body.redemption.id)
    expect(await pointsAndStock(t, memberId, item.id)).toMatchObject({ balance: 90, stock: 99 })
    const changed = await redeem(t, token, { itemId: item.id, quantity: 2 }, 'redeem-key-0001')
    expect(changed.status).toBe(409)
    expect(changed.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED')
  })

  it('issues a coupon item as real coupons the member holds', async () => {
    const item = await mallItem(t, {
      fulfilment: 'coupon',
      pointsPrice: 30,
      coupon: { name: '满50减5', kind: 'cash_off', thresholdFen: 5000, discountFen: 500, validDays: 30 },
    })
    const { token, memberId } = await memberWithPoints(t, 100)
    const result = await redeem(t, token, { itemId: item.id, quantity: 2 })
    expect(result.body.redemption).toMatchObject({ status: 'completed', statusLabel: '已发券', pointsCost: 60 })
    expect(result.body.redemption.couponCodes).toHaveLength(2)
    const coupons = await t.json('GET', '/api/me/coupons', undefined, token)
    expect(coupons.body.coupons.map((c: { code: string }) => c.code).sort()).toEqual(
      [...result.body.redemption.couponCodes].sort(),
    )
    expect(await pointsAndStock(t, memberId, item.id)).toMatchObject({ balance: 40, stock: 98 })
  })

  it('needs an address for a delivery item, and keeps it', async () => {
    const item = await mallItem(t, { fulfilment: 'delivery' })
    const { token, memberId } = await memberWithPoints(t, 100)
    const missing = await redeem(t, token, { itemId: item.id })
    expect(missing.status).toBe(400)
    expect(missing.body.error.code).toBe('DELIVERY_ADDRESS_REQUIRED')
    expect(await pointsAndStock(t, memberId, item.id)).toEqual({ balance: 100, held: 0, stock: 100 })
    const delivery = { name: '李雷', phone: '13800000009', address: '上海市浦东新区世纪大道 100 号' }
    const ok = await redeem(t, token, { itemId: item.id, delivery })
    expect(ok.body.redemption).toMatchObject({ status: 'completed', statusLabel: '待发货', delivery })
  })
})

describe('refusals leave the ledgers and the stock exactly as they were', () => {
  it.each([
    ['too few points', { pointsPrice: 500 }, 409, 'POINTS_INSUFFICIENT'],
    ['sold out', { stock: 0 }, 409, 'MALL_ITEM_SOLD_OUT'],
    ['off sale', { onSale: false }, 409, 'MALL_ITEM_OFF_SALE'],
    ['not started', { activeFrom: '2099-01-01T00:00:00+08:00' }, 409, 'MALL_ITEM_NOT_STARTED'],
    [
      'ended',
      { activeFrom: '2020-01-01T00:00:00+08:00', activeUntil: '2020-02-01T00:00:00+08:00' },
      409,
      'MALL_ITEM_ENDED',
    ],
    ['a higher tier only', { minTierKey: 'gold' }, 403, 'MALL_ITEM_TIER_LOCKED'],
  ])('%s', async (_name, fields, status, code) => {
    const item = await mallItem(t, fields)
    const { token, memberId } = await memberWithPoints(t, 100)
    const before = await pointsAndStock(t, memberId, item.id)
    const result = await redeem(t, token, { itemId: item.id })
    expect(result.status).toBe(status)
    expect(result.body.error.code).toBe(code)
    expect(await pointsAndStock(t, memberId, item.id)).toEqual(before)
    expect(await t.db.selectFrom('mall_redemptions').select('id').where('member_id', '=', memberId).execute()).toEqual(
      [],
    )
  })

  it('the per-member limit counts earlier redemptions', async () => {
    const item = await mallItem(t, { pointsPrice: 10, perMemberLimit: 2 })
    const { token } = await memberWithPoints(t, 100)
    expect((await redeem(t, token, { itemId: item.id, quantity: 2 })).status).toBe(201)
    const third = await redeem(t, token, { itemId: item.id })
    expect(third.body.error.code).toBe('MALL_LIMIT_REACHED')
  })

  it('a points debt blocks redeeming', async () => {
    const item = await mallItem(t, { pointsPrice: 10 })
    const { token, memberId } = await memberWithPoints(t, 0)
    await t.db.transaction().execute(async (trx) => {
      const { postEntry } = await import('../ledger/post-entry')
      await postEntry(trx, {
        memberId,
        ledger: 'points',
        amount: -20,
        kind: 'refund',
        reason: '退款扣回',
        actor: 'system',
        ruleVersion: 1,
        businessDay: '2026-11-30',
        occurredAt: t.clock.now(),
        now: t.clock.now(),
        allowDebt: true,
        debit: { from: 'earliest_expiry', respectHeld: false },
      })
    })
    const result = await redeem(t, token, { itemId: item.id })
    expect(result.body.error.code).toBe('POINTS_INSUFFICIENT')
    expect(result.body.error.details.debt).toBe(20)
  })

  it('an unknown item is 404 and bad input is a field error', async () => {
    const { token } = await memberWithPoints(t, 0)
    expect((await redeem(t, token, { itemId: 'itm_missing' })).body.error.code).toBe('MALL_ITEM_NOT_FOUND')
    const bad = await redeem(t, token, { itemId: 'x', quantity: 0 })
    expect(bad.status).toBe(400)
    expect(bad.body.error.details.issues[0].path).toBe('quantity')
  })
})

describe('the item list', () => {
  it('marks what this member can and cannot redeem, and why', async () => {
    const open = await mallItem(t, { title: '开放商品', pointsPrice: 1 })
    const gold = await mallItem(t, { title: '黄金专享', pointsPrice: 1, minTierKey: 'gold' })
    const { token } = await memberWithPoints(t, 10)
    const list = await t.json('GET', '/api/mall/items', undefined, token)
    const byId = new Map(list.body.items.map((i: any) => [i.id, i]))
    expect((byId.get(open.id) as any).availability).toEqual({ redeemable: true, maxQuantity: 10 })
    expect((byId.get(gold.id) as any).availability).toMatchObject({
      redeemable: false,
      reason: 'tier_locked',
      message: '黄金会员及以上专享',
    })
    expect((byId.get(gold.id) as any).minTier).toEqual({ key: 'gold', name: '黄金会员', color: '#c9a227' })
  })

  it('refuses an item restricted to a tier the program does not have', async () => {
    const result = await adminCall(t, 'POST', '/api/admin/mall/items', {
      title: 'x',
      pointsPrice: 1,
      stock: 1,
      fulfilment: 'pickup',
      minTierKey: 'diamond',
    })
    expect(result.status).toBe(422)
    expect(result.body.error.code).toBe('MALL_TIER_UNKNOWN')
  })

  it('refuses a coupon item without a coupon, with the field named', async () => {
    const result = await adminCall(t, 'POST', '/api/admin/mall/items', {
      title: 'x',
      pointsPrice: 1,
      stock: 1,
      fulfilment: 'coupon',
    })
    expect(result.status).toBe(400)
    expect(result.body.error.details.issues.map((i: any) => i.path)).toEqual(['coupon'])
  })
})

describe('a redemption that reaches several lots', () => {
  it('spends the earliest-lapsing lots first, leaving each lot exactly what is left of it', async () => {
    const item = await mallItem(t, { pointsPrice: 250, stock: 5 })
    const { token, memberId } = await memberWithPoints(t, 0)
    const { earn } = await import('../earning/earn')
    const { publishedProgram } = await import('../program/published-program')
    const now = t.clock.now()
    const day = (days: number) => new Date(now.getTime() + days * 86_400_000).toISOString()
    // Three lots of 100, written out of expiry order: the 30-day one first.
    for (const [key, expiresAt] of [
      ['c', day(30)],
      ['a', day(10)],
      ['b', day(20)],
    ] as const) {
      await t.db.transaction().execute(async (trx) =>
        earn(trx, {
          program: await publishedProgram(trx),
          now,
          credits: [
            {
              memberId,
              ledger: 'points',
              amount: 100,
              kind: 'adjustment',
              reason: '测试积分',
              actor: 'system',
              idempotencyKey: `several-lots:${memberId}:${key}`,
              expiresAt,
            },
          ],
        }),
      )
    }
    expect((await redeem(t, token, { itemId: item.id })).status).toBe(201)
    const lots = await t.db
      .selectFrom('ledger_lots')
      .select(['expires_at', 'remaining'])
      .where('member_id', '=', memberId)
      .where('ledger', '=', 'points')
      .orderBy('expires_at')
      .execute()
    expect(lots).toEqual([
      { expires_at: day(10), remaining: 0 },
      { expires_at: day(20), remaining: 0 },
      { expires_at: day(30), remaining: 50 },
    ])
    expect(await pointsAndStock(t, memberId, item.id)).toEqual({ balance: 50, held: 0, stock: 4 })
    expect(await verifyLedgers(t.db)).toEqual([])
  })
})

describe('a completed redemption row and its pickup code', () => {
  it('is refused when its pickup code is taken, and written column for column when it is not', async () => {
    const item = await mallItem(t, { pointsPrice: 1, stock: 5 })
    const { token } = await memberWithPoints(t, 10)
    const placed = (await redeem(t, token, { itemId: item.id })).body.redemption
    const taken = await t.db
      .selectFrom('mall_redemptions')
      .selectAll()
      .where('id', '=', placed.id)
      .executeTakeFirstOrThrow()
    const row = { ...taken, id: `${taken.id}_clash`, hold_id: null, delivery: '{"note":"门店自提"}' }
    const written = await t.db.transaction().execute(async (trx) => {
      const first = await insertUnlessCodeTaken(trx, row)
      const second = await insertUnlessCodeTaken(trx, { ...row, pickup_code: '0000000042' })
      return [first, second]
    })
    expect(written).toEqual([false, true])
    const stored = await t.db
      .selectFrom('mall_redemptions')
      .selectAll()
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow()
    expect(stored).toEqual({ ...row, pickup_code: '0000000042' })
  })
})
