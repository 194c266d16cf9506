import { describe, expect, it } from 'vitest'
import { memberOnTier, shopRequest } from '../test/shop-requests'
import { useTestApp } from '../test/test-app'

describe('benefits under concurrency', () => {
  const t = useTestApp({}, { verifyLedgers: false })

  it('50 parallel claims of one coupon pack issue it once', async () => {
    const m = await memberOnTier(t, 600)
    const answers = await Promise.all(
      Array.from({ length: 50 }, () =>
        t.json('POST', '/api/me/benefits/coupon_pack_monthly/claim', undefined, m.token),
      ),
    )
    const statuses = answers.map((a) => a.status)
    expect(statuses.filter((s) => s === 201)).toHaveLength(1)
    expect(statuses.filter((s) => s === 409)).toHaveLength(49)
    expect(new Set(answers.filter((a) => a.status === 409).map((a) => a.body.error.code))).toEqual(
      new Set(['BENEFIT_ALREADY_CLAIMED']),
    )
    expect(await t.db.selectFrom('benefit_claims').select('id').where('member_id', '=', m.id).execute()).toHaveLength(1)
    expect(await t.db.selectFrom('coupons').select('id').where('member_id', '=', m.id).execute()).toHaveLength(2)
    expect(await t.db.selectFrom('benefit_events').select('id').where('member_id', '=', m.id).execute()).toHaveLength(2)
  })

  it('20 parallel uses of one coupon succeed once', async () => {
    const m = await memberOnTier(t, 600)
    const claimed = await t.json('POST', '/api/me/benefits/coupon_pack_monthly/claim', undefined, m.token)
    const code = claimed.body.coupons[0].code as string
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        shopRequest(t, 'POST', `/api/shop/coupons/${code}/use`, {
          orderId: `SO-${i}`,
          orderAmountFen: 8_000,
          member: { memberId: m.id },
        }),
      ),
    )
    const winners = answers.filter((a) => a.status === 200)
    expect(winners).toHaveLength(1)
    expect(answers.filter((a) => a.status === 409 && a.body.error.code === 'COUPON_ALREADY_USED')).toHaveLength(19)
    const row = await t.db.selectFrom('coupons').selectAll().where('code', '=', code).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ status: 'used', used_order_id: winners[0].body.coupon.usedOrderId })
    const used = await t.db
      .selectFrom('benefit_events')
      .selectAll()
      .where('coupon_id', '=', row.id)
      .where('event', '=', 'used')
      .execute()
    expect(used).toEqual([
      expect.objectContaining({ order_id: row.used_order_id, amount_fen: 500, tier_key: 'silver' }),
    ])
  })
})
