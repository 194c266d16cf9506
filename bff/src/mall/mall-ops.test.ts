import { beforeAll, describe, expect, it, vi } from 'vitest'
import { adminCall, mallItem, memberWithPoints, redeem } from '../test/mall-fixtures'
import { operatorToken } from '../test/operator-fixtures'
import { redemptionOrderNo } from '@mc/shared'
import { useTestApp } from '../test/test-app'
import type { PaymentProvider } from './payment-provider'
import { settleTradeReport } from './settle-payment'

const t = useTestApp()
let owner: Awaited<ReturnType<typeof operatorToken>>
beforeAll(async () => {
  owner = await operatorToken(t, 'owner')
})

const address = { name: '张三', phone: '13800000000', address: '上海市徐汇区漕溪北路 1 号' }
const redemptionRow = (id: string) =>
  t.db.selectFrom('mall_redemptions').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
const auditOf = (id: string) =>
  t.db.selectFrom('audit_log').selectAll().where('target_id', '=', id).orderBy('id').execute()
const ids = (list: { id: string }[]) => list.map((entry) => entry.id)

/** A member who redeemed one unit of `fields`' item with points alone: completed at once. */
async function completedRedemption(fields: Record<string, unknown>) {
  const item = await mallItem(t, { pointsPrice: 50, ...fields })
  const member = await memberWithPoints(t, 100)
  const body = fields.fulfilment === 'delivery' ? { itemId: item.id, delivery: address } : { itemId: item.id }
  const placed = await redeem(t, member.token, body)
  expect(placed.body.redemption.status).toBe('completed')
  return { item, ...member, redemptionId: placed.body.redemption.id as string }
}

describe('admin item list filters', () => {
  it('filters by on sale, fulfilment kind and a title search; bad filters are 400', async () => {
    const canvas = await mallItem(t, { title: '筛选帆布袋' })
    const cup = await mallItem(t, { title: '筛选保温杯', fulfilment: 'delivery', onSale: false })
    const percent = await mallItem(t, { title: '筛选 100% 棉', fulfilment: 'delivery' })
    const list = async (query: string) => {
      const answer = await adminCall(t, 'GET', `/api/admin/mall/items?${query}`)
      expect(answer.status).toBe(200)
      return ids(answer.body.items)
    }
    expect(await list('q=筛选')).toEqual([percent.id, cup.id, canvas.id])
    expect(await list('q=筛选&onSale=false')).toEqual([cup.id])
    expect(await list('q=筛选&onSale=true&kind=delivery')).toEqual([percent.id])
    expect(await list('kind=pickup&q=帆布')).toEqual([canvas.id])
    expect(await list('q=%25')).toEqual([percent.id]) // '%' is searched for, not a wildcard
    for (const bad of ['onSale=yes', 'kind=parcel', 'q=', 'colour=red']) {
      expect((await adminCall(t, 'GET', `/api/admin/mall/items?${bad}`)).status).toBe(400)
    }
  })
})

describe('admin redemption search by order number', () => {
  it('finds a redemption by the 13-digit number the shopper reads out, and nothing for another number', async () => {
    const first = await completedRedemption({ title: '单号甲' })
    t.clock.advanceMs(1000)
    const second = await completedRedemption({ title: '单号乙' })
    const search = async (orderNo: string) =>
      adminCall(t, 'GET', `/api/admin/mall/redemptions?orderNo=${orderNo}&limit=20`)
    for (const { redemptionId } of [first, second]) {
      const orderNo = redemptionOrderNo(redemptionId)
      const found = await search(orderNo)
      expect(found.status).toBe(200)
      expect(ids(found.body.redemptions)).toEqual([redemptionId])
      expect(found.body.redemptions[0].orderNo).toBe(orderNo)
    }
    // A real day and second with no redemption; an impossible date; not 13 digits.
    expect((await search('2001010000001')).body.redemptions).toEqual([])
    expect((await search('2613400000001')).body.redemptions).toEqual([])
    expect((await search('rdm_123')).status).toBe(400)
  })
})

describe('shipping a delivery item', () => {
  it('records carrier and tracking once, audited by the operator, and the member sees it', async () => {
    const { redemptionId, token } = await completedRedemption({ fulfilment: 'delivery', title: '快递保温杯' })
    const toShip = await adminCall(t, 'GET', '/api/admin/mall/redemptions?status=to_ship&limit=50')
    expect(ids(toShip.body.redemptions)).toContain(redemptionId)
    const path = `/api/admin/mall/redemptions/${redemptionId}/shipment`
    const shipment = { carrier: '顺丰速运', trackingNo: 'SF1234567890' }
    const shipped = await t.json('POST', path, shipment, owner.token)
    expect(shipped).toMatchObject({
      status: 200,
      body: {
        redemption: {
          id: redemptionId,
          statusLabel: '已发货',
          shipment: { ...shipment, shippedAt: t.clock.now().toISOString() },
        },
      },
    })
    // The same shipment again is a retried click; a different one is refused, the first kept.
    expect(await t.json('POST', path, shipment, owner.token)).toEqual(shipped)
    expect(await t.json('POST', path, { ...shipment, trackingNo: 'SF999999' }, owner.token)).toMatchObject({
      status: 409,
      body: { error: { code: 'REDEMPTION_ALREADY_SHIPPED' } },
    })
    expect(await redemptionRow(redemptionId)).toMatchObject({
      tracking_no: 'SF1234567890',
      shipped_by: `operator:${owner.operator.id}`,
    })
    const lines = (await auditOf(redemptionId)).filter((line) => line.action === 'mall_redemption.ship')
    expect(lines).toEqual([expect.objectContaining({ actor: `operator:${owner.operator.id}` })])

    const mine = await t.json('GET', `/api/me/redemptions/${redemptionId}`, undefined, token)
    expect(mine.body.redemption).toMatchObject({ statusLabel: '已发货', shipment })
    const list = await t.json('GET', '/api/me/redemptions', undefined, token)
    expect(list.body.redemptions[0].shipment).toMatchObject(shipment)

    const after = await adminCall(t, 'GET', '/api/admin/mall/redemptions?status=to_ship&limit=50')
    expect(ids(after.body.redemptions)).not.toContain(redemptionId)
    const done = await adminCall(t, 'GET', '/api/admin/mall/redemptions?status=shipped&fulfilment=delivery')
    expect(ids(done.body.redemptions)).toContain(redemptionId)
  })

  it('refuses bad input (400), unknown redemptions (404) and items that are not to be shipped (409)', async () => {
    const { redemptionId } = await completedRedemption({ fulfilment: 'delivery' })
    const path = `/api/admin/mall/redemptions/${redemptionId}/shipment`
    for (const body of [{}, { carrier: '', trackingNo: 'SF1234' }, { carrier: '顺丰', trackingNo: 'SF 12' }]) {
      const answer = await adminCall(t, 'POST', path, body)
      expect(answer).toMatchObject({ status: 400, body: { error: { code: 'INVALID_REQUEST' } } })
    }
    expect(await redemptionRow(redemptionId)).toMatchObject({ shipped_at: null, tracking_no: null })
    const missing = await adminCall(t, 'POST', '/api/admin/mall/redemptions/red_missing/shipment', {
      carrier: '顺丰',
      trackingNo: 'SF1234',
    })
    expect(missing).toMatchObject({ status: 404, body: { error: { code: 'REDEMPTION_NOT_FOUND' } } })
    const pickup = await completedRedemption({ fulfilment: 'pickup' })
    const notDelivery = await adminCall(t, 'POST', `/api/admin/mall/redemptions/${pickup.redemptionId}/shipment`, {
      carrier: '顺丰',
      trackingNo: 'SF1234',
    })
    expect(notDelivery).toMatchObject({ status: 409, body: { error: { code: 'REDEMPTION_NOT_SHIPPABLE' } } })
    const refunded = await completedRedemption({ fulfilment: 'delivery' })
    await adminCall(t, 'POST', `/api/admin/mall/redemptions/${refunded.redemptionId}/refund`, { reason: '缺货' })
    const afterRefund = await adminCall(t, 'POST', `/api/admin/mall/redemptions/${refunded.redemptionId}/shipment`, {
      carrier: '顺丰',
      trackingNo: 'SF1234',
    })
    expect(afterRefund.status).toBe(409)
  })

  it("is not a store manager's to do", async () => {
    const manager = await operatorToken(
      t,
      'store_manager',
      (
        await adminCall(t, 'POST', '/api/admin/outlets', {
          name: '发货测试店',
        })
      ).body.id,
    )
    const { redemptionId } = await completedRedemption({ fulfilment: 'delivery' })
    const answer = await t.json(
      'POST',
      `/api/admin/mall/redemptions/${redemptionId}/shipment`,
      { carrier: '顺丰', trackingNo: 'SF1234' },
      manager.token,
    )
    expect(answer).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } })
  })
})

describe('refund with reason', () => {
  it('requires a reason: without one it is 400 and the redemption stays completed', async () => {
    const { redemptionId } = await completedRedemption({ fulfilment: 'pickup' })
    for (const body of [{}, { reason: ' ' }, { reason: '退'.repeat(81) }]) {
      const answer = await adminCall(t, 'POST', `/api/admin/mall/redemptions/${redemptionId}/refund`, body)
      expect(answer).toMatchObject({ status: 400, body: { error: { code: 'INVALID_REQUEST' } } })
    }
    expect(await redemptionRow(redemptionId)).toMatchObject({ status: 'completed', refund_reason: null })
    const refunded = await t.json(
      'POST',
      `/api/admin/mall/redemptions/${redemptionId}/refund`,
      { reason: '顾客退货' },
      owner.token,
    )
    expect(refunded.body.redemption.status).toBe('refunded')
    const line = (await auditOf(redemptionId)).find((entry) => entry.action === 'mall_redemption.refund')
    expect(line?.actor).toBe(`operator:${owner.operator.id}`)
  })
})

describe('the reconciliation queue', () => {
  const queue = async () => {
    const answer = await adminCall(t, 'GET', '/api/admin/mall/reconciliation')
    expect(answer.status).toBe(200)
    return answer.body.items as { id: string; kind: string; actions: string[] }[]
  }
  const resolve = (id: string, body: unknown, token = owner.token) =>
    t.json('POST', `/api/admin/mall/reconciliation/${id}/resolve`, body, token)

  /** A paid points-plus-cash redemption refunded while the provider refuses refunds: flagged. */
  async function failedRefund() {
    const item = await mallItem(t, { pointsPrice: 50, cashFen: 500, title: '对账测试' })
    const member = await memberWithPoints(t, 100)
    const placed = await redeem(t, member.token, { itemId: item.id })
    const id = placed.body.redemption.id as string
    await t.json('POST', `/api/me/redemptions/${id}/local-pay`, {}, member.token)
    const payments = t.deps.payments as PaymentProvider
    const refund = vi.spyOn(payments, 'refund').mockRejectedValueOnce(new Error('provider down'))
    const answer = await adminCall(t, 'POST', `/api/admin/mall/redemptions/${id}/refund`, { reason: '缺货退款' })
    refund.mockRestore()
    expect(answer.body.redemption.status).toBe('refunded')
    return id
  }

  it('lists a failed cash refund with a retry; retrying through the refund route clears it', async () => {
    const id = await failedRefund()
    const entry = (await queue()).find((item) => item.id === id)
    expect(entry).toMatchObject({
      kind: 'refund_failed',
      kindLabel: '退款失败',
      redemptionId: id,
      itemTitle: '对账测试',
      cashFen: 500,
      refundReason: '缺货退款',
      lastEvent: { event: 'refund_failed', detail: { message: 'provider down' } },
      actions: ['retry_refund', 'resolve'],
    })
    const retried = await adminCall(t, 'POST', `/api/admin/mall/redemptions/${id}/refund`, { reason: '缺货退款' })
    expect(retried.status).toBe(200)
    expect(ids(await queue())).not.toContain(id)
  })

  it('a person closes an entry with a note: it leaves the queue, the note joins the trail; twice is 404', async () => {
    const id = await failedRefund()
    for (const body of [{}, { note: 'x' }, { note: '好'.repeat(201) }]) {
      expect((await resolve(id, body)).status).toBe(400)
    }
    expect((await redemptionRow(id)).needs_reconciliation).toBe(1)
    const resolved = await resolve(id, { note: '已线下转账退款' })
    expect(resolved).toEqual({
      status: 200,
      body: {
        id,
        kind: 'refund_failed',
        resolvedAt: t.clock.now().toISOString(),
        resolvedBy: `operator:${owner.operator.id}`,
        note: '已线下转账退款',
      },
    })
    expect(ids(await queue())).not.toContain(id)
    const trail = await t.db.selectFrom('payment_events').selectAll().where('redemption_id', '=', id).execute()
    expect(trail.at(-1)).toMatchObject({ event: 'reconciled' })
    expect((await auditOf(id)).at(-1)).toMatchObject({
      action: 'mall_reconciliation.resolve',
      actor: `operator:${owner.operator.id}`,
    })
    expect(await resolve(id, { note: '再次处理' })).toMatchObject({
      status: 404,
      body: { error: { code: 'RECONCILIATION_NOT_FOUND' } },
    })
    expect((await resolve('pev_missing', { note: '不存在' })).status).toBe(404)
  })

  it('lists refused payment reports once per order, and resolving closes their repeats too', async () => {
    const report = {
      outTradeNo: 'UNKNOWN0000000001',
      tradeState: 'SUCCESS' as const,
      transactionId: '4200000000000001',
      amountFen: 990,
      mchid: 'local_mch',
      appid: 'local_app',
      successTime: null,
    }
    for (let i = 0; i < 3; i += 1) await settleTradeReport(t.deps, report, 'notice', t.clock.now())
    const unknown = (await queue()).filter((item) => item.kind === 'unknown_order')
    expect(unknown).toHaveLength(1)
    expect(unknown[0]).toMatchObject({ outTradeNo: 'UNKNOWN0000000001', actions: ['resolve'], redemptionId: null })

    const item = await mallItem(t, { pointsPrice: 50, cashFen: 500, title: '金额不符' })
    const member = await memberWithPoints(t, 100)
    const placed = await redeem(t, member.token, { itemId: item.id })
    const forged = { ...report, outTradeNo: placed.body.redemption.id, amountFen: 1 }
    await expect(settleTradeReport(t.deps, forged, 'notice', t.clock.now())).rejects.toThrow()
    const mismatch = (await queue()).find((entry) => entry.kind === 'payment_mismatch')
    expect(mismatch).toMatchObject({ redemptionId: placed.body.redemption.id, itemTitle: '金额不符', cashFen: 500 })

    expect((await resolve(unknown[0].id, { note: '已与微信支付核对，非本店订单' })).status).toBe(200)
    const events = await t.db
      .selectFrom('payment_events')
      .select(['resolved_by', 'resolution_note'])
      .where('out_trade_no', '=', 'UNKNOWN0000000001')
      .execute()
    expect(events).toHaveLength(3)
    expect(new Set(events.map((event) => event.resolution_note))).toEqual(new Set(['已与微信支付核对，非本店订单']))
    expect((await queue()).filter((entry) => entry.kind === 'unknown_order')).toEqual([])
    expect((await queue()).map((entry) => entry.kind)).toContain('payment_mismatch')
  })
})
