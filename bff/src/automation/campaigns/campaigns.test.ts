import { beforeAll, describe, expect, it } from 'vitest'
import { testAdminToken, useTestApp } from '../../test/test-app'
import { campaignBody, copyB, coupon, insertPlainMembers, savedSegment } from './campaign-test-kit'

describe('campaigns: scheduling, refusals, list, cancel', () => {
  const t = useTestApp()
  let segmentId: string
  const post = (body: unknown) => t.json('POST', '/api/admin/campaigns', body, testAdminToken)

  beforeAll(async () => {
    t.clock.set('2026-12-03T02:00:00.000Z')
    await insertPlainMembers(t.db, 'mbr_cmp_', 100)
    segmentId = await savedSegment(t)
  })

  it('refuses an unknown or archived segment', async () => {
    const unknown = await post(campaignBody('seg_nope'))
    expect([unknown.status, unknown.body.error.code]).toEqual([400, 'CAMPAIGN_SEGMENT_MISSING'])
    const archived = await savedSegment(t, {}, '旧人群')
    await t.json('DELETE', `/api/admin/segments/${archived}`, undefined, testAdminToken)
    const refused = await post(campaignBody(archived))
    expect([refused.status, refused.body.error.code]).toEqual([400, 'CAMPAIGN_SEGMENT_MISSING'])
  })

  it('refuses a time in the past, and takes now or later', async () => {
    const past = await post(campaignBody(segmentId, { scheduledAt: '2026-12-03T01:59:59.000Z' }))
    expect([past.status, past.body.error.code]).toEqual([400, 'CAMPAIGN_SCHEDULE_PAST'])
    const later = await post(campaignBody(segmentId, { scheduledAt: '2026-12-04T10:00:00+08:00' }))
    expect(later.status).toBe(201)
    expect(later.body).toMatchObject({ status: 'scheduled', scheduledAt: '2026-12-04T02:00:00.000Z', targeted: 0 })
    const now = await post(campaignBody(segmentId))
    expect(now.body.scheduledAt).toBe('2026-12-03T02:00:00.000Z')
  })

  it('refuses a budget below the expected coupons unless told to stop at the budget', async () => {
    // 100 members × 90% treated × 1 coupon = 90 > 89.
    const over = await post(campaignBody(segmentId, { budgetCoupons: 89 }))
    expect([over.status, over.body.error.code, over.body.error.details]).toEqual([
      400,
      'CAMPAIGN_OVER_BUDGET',
      { expected: 90, budget: 89 },
    ])
    expect((await post(campaignBody(segmentId, { budgetCoupons: 90 }))).status).toBe(201)
    expect((await post(campaignBody(segmentId, { budgetCoupons: 10, stopAtBudget: true }))).status).toBe(201)
    // A/B with the coupon in A only: 100 × 90% ÷ 2 = 45.
    const ab = {
      variants: [
        { copy: copyB, coupon },
        { copy: copyB, coupon: null },
      ],
    }
    const abOver = await post(campaignBody(segmentId, { ...ab, budgetCoupons: 44 }))
    expect(abOver.body.error.details).toEqual({ expected: 45, budget: 44 })
    expect((await post(campaignBody(segmentId, { ...ab, budgetCoupons: 45 }))).status).toBe(201)
    // A message without a coupon needs no budget; a coupon without one is a field error.
    const message = await post(
      campaignBody(segmentId, { variants: [{ copy: copyB, coupon: null }], budgetCoupons: null }),
    )
    expect(message.status).toBe(201)
    const noBudget = await post(campaignBody(segmentId, { budgetCoupons: null }))
    expect(noBudget.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual(['budgetCoupons'])
  })

  it('lists newest first by cursor, reads one, cancels only while scheduled; audited', async () => {
    const first = await t.json('GET', '/api/admin/campaigns?limit=2', undefined, testAdminToken)
    expect(first.body.campaigns).toHaveLength(2)
    const rest = await t.json(
      'GET',
      `/api/admin/campaigns?limit=50&cursor=${first.body.nextCursor}`,
      undefined,
      testAdminToken,
    )
    const all = [...first.body.campaigns, ...rest.body.campaigns]
    expect(all.map((c: { id: string }) => c.id)).toEqual([...all.map((c: { id: string }) => c.id)].sort().reverse())
    expect(rest.body.nextCursor).toBeNull()
    const id = all[0].id
    const one = await t.json('GET', `/api/admin/campaigns/${id}`, undefined, testAdminToken)
    expect(one.body).toMatchObject({ id, segmentId, segmentName: '全部会员', status: 'scheduled' })
    const cancelled = await t.json('POST', `/api/admin/campaigns/${id}/cancel`, {}, testAdminToken)
    expect([cancelled.status, cancelled.body.status]).toEqual([200, 'cancelled'])
    const again = await t.json('POST', `/api/admin/campaigns/${id}/cancel`, {}, testAdminToken)
    expect([again.status, again.body.error.code]).toEqual([409, 'CAMPAIGN_NOT_CANCELLABLE'])
    const actions = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', id)
      .orderBy('id')
      .execute()
    expect(actions.map((a) => a.action)).toEqual(['campaign.create', 'campaign.cancel'])
  })
})
