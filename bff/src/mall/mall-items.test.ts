import { describe, expect, it } from 'vitest'
import { adminCall, mallItem, memberWithPoints, redeem } from '../test/mall-fixtures'
import { useTestApp } from '../test/test-app'

const t = useTestApp({}, { verifyLedgers: false })

describe('the merchant manages items', () => {
  it('patches fields, keeps the item consistent, and audits every change', async () => {
    const item = await mallItem(t)
    const patched = await adminCall(t, 'PATCH', `/api/admin/mall/items/${item.id}`, { title: '新帆布袋', cashFen: 500 })
    expect(patched.body.item).toMatchObject({ title: '新帆布袋', cashFen: 500, stock: 100 })
    const inconsistent = await adminCall(t, 'PATCH', `/api/admin/mall/items/${item.id}`, { fulfilment: 'coupon' })
    expect(inconsistent.status).toBe(400)
    expect(inconsistent.body.error.details.issues[0].path).toBe('coupon')
    expect((await adminCall(t, 'PATCH', `/api/admin/mall/items/${item.id}`, { stock: 5 })).status).toBe(400)
    const audits = await t.db.selectFrom('audit_log').select('action').where('target_id', '=', item.id).execute()
    expect(audits.map((a) => a.action)).toEqual(['mall_item.create', 'mall_item.update'])
  })

  it('moves stock by a delta and never below zero, even while members redeem', async () => {
    const item = await mallItem(t, { pointsPrice: 1, stock: 10 })
    const { token } = await memberWithPoints(t, 100)
    const results = await Promise.all([
      ...Array.from({ length: 5 }, () => redeem(t, token, { itemId: item.id })),
      adminCall(t, 'POST', `/api/admin/mall/items/${item.id}/stock`, { delta: 20 }),
    ])
    expect(results.slice(0, 5).every((r) => r.status === 201)).toBe(true)
    const row = await t.db.selectFrom('mall_items').select('stock').where('id', '=', item.id).executeTakeFirstOrThrow()
    expect(row.stock).toBe(25)
    const tooMuch = await adminCall(t, 'POST', `/api/admin/mall/items/${item.id}/stock`, { delta: -26 })
    expect(tooMuch.body.error).toMatchObject({ code: 'MALL_STOCK_NEGATIVE', details: { stock: 25, delta: -26 } })
    expect((await adminCall(t, 'POST', `/api/admin/mall/items/${item.id}/stock`, { delta: -25 })).body.item.stock).toBe(
      0,
    )
  })

  it('lists redemptions for the merchant by status', async () => {
    const item = await mallItem(t, { pointsPrice: 1, cashFen: 100 })
    const { token } = await memberWithPoints(t, 100)
    await redeem(t, token, { itemId: item.id })
    const pending = await adminCall(t, 'GET', '/api/admin/mall/redemptions?status=pending_payment')
    expect(pending.body.redemptions.length).toBeGreaterThanOrEqual(1)
    expect(pending.body.redemptions.every((r: { status: string }) => r.status === 'pending_payment')).toBe(true)
  })
})
