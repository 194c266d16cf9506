import { beforeAll, describe, expect, it } from 'vitest'
import { outletScene } from '../outlets/outlet-scene'
import { adminCall, redeem } from './mall-fixtures'
import { shopRequest } from './shop-requests'
import { outletWithStaff } from './staff-fixtures'
import { testAdminToken, testQrSceneSecret, type TestApp, useTestApp } from './test-app'

type Caller = (t: TestApp, path: string) => Promise<{ status: number; body: any }>

/**
 * Every route that takes an id, and how to call it: who may call it (`as`), an id nobody has, and — for
 * resources a member owns — another member's id. A route with an id that is missing here fails the first
 * spec, so authorization is decided when the route is written, not remembered later.
 */
interface IdRouteCase {
  as: 'member' | 'admin' | 'shop' | 'public'
  unknown: string
  /** Another member's resource, where the route serves a member's own resources. */
  foreign?: (ctx: Context) => string
  body?: unknown
}

const noRedemption = 'rdm_00000000000000000000000000'

interface Context {
  otherNotificationId: string
  otherRedemptionId: string
  otherLotId: string
}

const idRoutes: Record<string, IdRouteCase> = {
  'POST /api/me/benefits/:key/claim': { as: 'member', unknown: '/api/me/benefits/no_such_benefit/claim' },
  'POST /api/me/points/lots/:lotId/extension': {
    as: 'member',
    unknown: '/api/me/points/lots/plt_00000000000000000000000000/extension',
    foreign: (c) => `/api/me/points/lots/${c.otherLotId}/extension`,
  },
  'POST /api/me/inbox/:id/read': {
    as: 'member',
    unknown: '/api/me/inbox/ntf_00000000000000000000000000/read',
    foreign: (c) => `/api/me/inbox/${c.otherNotificationId}/read`,
  },
  'GET /api/shop/coupons/:code': { as: 'shop', unknown: '/api/shop/coupons/NOSUCHCOUPON0000' },
  'POST /api/shop/coupons/:code/use': {
    as: 'shop',
    unknown: '/api/shop/coupons/NOSUCHCOUPON0000/use',
    body: { orderId: 'o-1', orderAmountFen: 10_000, member: { memberId: 'mbr_00000000000000000000000000' } },
  },
  'GET /api/shop/members/:memberId/pricing': {
    as: 'shop',
    unknown: '/api/shop/members/mbr_00000000000000000000000000/pricing',
  },
  'GET /api/outlets/scene/:scene': {
    as: 'public',
    unknown: `/api/outlets/scene/${encodeURIComponent(outletScene(testQrSceneSecret, 'out_missing')!)}`,
  },
  'GET /api/outlets/:outletId': { as: 'public', unknown: '/api/outlets/out_missing' },
  'PATCH /api/admin/outlets/:outletId': {
    as: 'admin',
    unknown: '/api/admin/outlets/out_missing',
    body: { openingHours: '每日 10:00–22:00' },
  },
  'GET /api/admin/outlets/:outletId/join': { as: 'admin', unknown: '/api/admin/outlets/out_missing/join' },
  'GET /api/admin/outlets/:outletId/qr.png': { as: 'admin', unknown: '/api/admin/outlets/out_missing/qr.png' },
  'GET /uploads/:id': { as: 'public', unknown: `/uploads/upl_${'0'.repeat(32)}` },
  'GET /demo/mall/:file': { as: 'public', unknown: '/demo/mall/missing.svg' },
  'GET /api/legal/:kind': { as: 'public', unknown: '/api/legal/cookies' },
  'PUT /api/admin/legal/:kind': {
    as: 'admin',
    unknown: '/api/admin/legal/cookies',
    body: { title: '会员须知', body: '本须知说明会员权益的使用方式与范围。'.repeat(4) },
  },
  'POST /api/admin/members/:memberId/adjustments': {
    as: 'admin',
    unknown: '/api/admin/members/mbr_00000000000000000000000000/adjustments',
    body: { ledger: 'points', amount: 1, reason: '测试调整' },
  },
  'GET /api/admin/members/:memberId/ledger': {
    as: 'admin',
    unknown: '/api/admin/members/mbr_00000000000000000000000000/ledger?ledger=points',
  },
  'POST /api/admin/members/:memberId/entries/:entryId/reversal': {
    as: 'admin',
    unknown: '/api/admin/members/mbr_00000000000000000000000000/entries/pte_00000000000000000000000000/reversal',
    body: { reason: '测试冲正' },
  },
  'GET /api/admin/members/:memberId': {
    as: 'admin',
    unknown: '/api/admin/members/mbr_00000000000000000000000000',
  },
  'POST /api/admin/members/:memberId/phone-reveal': {
    as: 'admin',
    unknown: '/api/admin/members/mbr_00000000000000000000000000/phone-reveal',
  },
  'POST /api/admin/members/:memberId/coupons': {
    as: 'admin',
    unknown: '/api/admin/members/mbr_00000000000000000000000000/coupons',
    body: {
      coupon: { name: '补偿券', kind: 'cash_off', thresholdFen: 0, discountFen: 500, count: 1, validDays: 7 },
      reason: '测试发券',
    },
  },
  'POST /api/admin/members/:memberId/tags': {
    as: 'admin',
    unknown: '/api/admin/members/mbr_00000000000000000000000000/tags',
    body: { tag: '测试标签' },
  },
  'POST /api/admin/members/:memberId/closing': {
    as: 'admin',
    unknown: '/api/admin/members/mbr_00000000000000000000000000/closing',
    body: { reason: '会员来电申请注销' },
  },
  'PUT /api/admin/members/:memberId/birthday': {
    as: 'admin',
    unknown: '/api/admin/members/mbr_00000000000000000000000000/birthday',
    body: { birthday: '1990-05-17', reason: '测试修改生日' },
  },
  'DELETE /api/admin/members/:memberId/tags/:tag': {
    as: 'admin',
    unknown: `/api/admin/members/mbr_00000000000000000000000000/tags/${encodeURIComponent('测试标签')}`,
  },
  'GET /api/admin/program/drafts/:draftId': { as: 'admin', unknown: '/api/admin/program/drafts/drf_missing' },
  'PATCH /api/admin/program/drafts/:draftId': {
    as: 'admin',
    unknown: '/api/admin/program/drafts/drf_missing',
    body: {},
  },
  'POST /api/admin/program/drafts/:draftId/simulate': {
    as: 'admin',
    unknown: '/api/admin/program/drafts/drf_missing/simulate',
  },
  'POST /api/admin/program/drafts/:draftId/publish': {
    as: 'admin',
    unknown: '/api/admin/program/drafts/drf_missing/publish',
    body: {},
  },
  'GET /api/admin/program/versions/:version': { as: 'admin', unknown: '/api/admin/program/versions/999' },
  'POST /api/admin/program/versions/:version/rollback': {
    as: 'admin',
    unknown: '/api/admin/program/versions/999/rollback',
    body: {},
  },
  'GET /api/mall/items/:itemId': { as: 'member', unknown: '/api/mall/items/itm_missing' },
  'GET /api/me/redemptions/:redemptionId': {
    as: 'member',
    unknown: `/api/me/redemptions/${noRedemption}`,
    foreign: (c) => `/api/me/redemptions/${c.otherRedemptionId}`,
  },
  'POST /api/me/redemptions/:redemptionId/cancel': {
    as: 'member',
    unknown: `/api/me/redemptions/${noRedemption}/cancel`,
    foreign: (c) => `/api/me/redemptions/${c.otherRedemptionId}/cancel`,
  },
  'POST /api/me/redemptions/:redemptionId/payment': {
    as: 'member',
    unknown: `/api/me/redemptions/${noRedemption}/payment`,
    foreign: (c) => `/api/me/redemptions/${c.otherRedemptionId}/payment`,
  },
  'POST /api/me/redemptions/:redemptionId/local-pay': {
    as: 'member',
    unknown: `/api/me/redemptions/${noRedemption}/local-pay`,
    foreign: (c) => `/api/me/redemptions/${c.otherRedemptionId}/local-pay`,
  },
  'PATCH /api/admin/mall/items/:itemId': {
    as: 'admin',
    unknown: '/api/admin/mall/items/itm_missing',
    body: { title: '新名字' },
  },
  'POST /api/admin/mall/items/:itemId/stock': {
    as: 'admin',
    unknown: '/api/admin/mall/items/itm_missing/stock',
    body: { delta: 1 },
  },
  'POST /api/admin/mall/redemptions/:redemptionId/refund': {
    as: 'admin',
    unknown: `/api/admin/mall/redemptions/${noRedemption}/refund`,
    body: { reason: '测试退款' },
  },
  'POST /api/admin/mall/redemptions/:redemptionId/shipment': {
    as: 'admin',
    unknown: `/api/admin/mall/redemptions/${noRedemption}/shipment`,
    body: { carrier: '顺丰速运', trackingNo: 'SF1234567890' },
  },
  'POST /api/admin/mall/reconciliation/:itemId/resolve': {
    as: 'admin',
    unknown: `/api/admin/mall/reconciliation/${noRedemption}/resolve`,
    body: { note: '测试处理' },
  },
  'PATCH /api/admin/operators/:operatorId': {
    as: 'admin',
    unknown: '/api/admin/operators/opr_00000000000000000000000000',
    body: { disabled: true },
  },
  'POST /api/admin/operators/:operatorId/password-reset': {
    as: 'admin',
    unknown: '/api/admin/operators/opr_00000000000000000000000000/password-reset',
  },
  'POST /api/admin/api-keys/:keyId/revoke': {
    as: 'admin',
    unknown: '/api/admin/api-keys/key_00000000000000000000000000/revoke',
  },
  'PATCH /api/admin/staff/:staffId': {
    as: 'admin',
    unknown: '/api/admin/staff/stf_00000000000000000000000000',
    body: { disabled: true },
  },
  'POST /api/admin/staff/:staffId/pin': {
    as: 'admin',
    unknown: '/api/admin/staff/stf_00000000000000000000000000/pin',
    body: { pin: '802468' },
  },
  'POST /api/admin/till-approvals/:purchaseId/approval': {
    as: 'admin',
    unknown: '/api/admin/till-approvals/tpu_00000000000000000000000000/approval',
  },
  'POST /api/admin/till-approvals/:purchaseId/refusal': {
    as: 'admin',
    unknown: '/api/admin/till-approvals/tpu_00000000000000000000000000/refusal',
    body: { reason: '测试拒绝' },
  },
  'GET /api/admin/segments/:id': { as: 'admin', unknown: '/api/admin/segments/seg_00000000000000000000000000' },
  'PUT /api/admin/segments/:id': {
    as: 'admin',
    unknown: '/api/admin/segments/seg_00000000000000000000000000',
    body: { name: '测试人群', filter: {} },
  },
  'DELETE /api/admin/segments/:id': { as: 'admin', unknown: '/api/admin/segments/seg_00000000000000000000000000' },
  'GET /api/admin/campaigns/:id': { as: 'admin', unknown: '/api/admin/campaigns/cmp_00000000000000000000000000' },
  'POST /api/admin/campaigns/:id/cancel': {
    as: 'admin',
    unknown: '/api/admin/campaigns/cmp_00000000000000000000000000/cancel',
  },
  'GET /api/admin/campaigns/:id/results': {
    as: 'admin',
    unknown: '/api/admin/campaigns/cmp_00000000000000000000000000/results',
  },
  'POST /api/admin/automation/journeys/:key/preview': {
    as: 'admin',
    unknown: '/api/admin/automation/journeys/no_such_journey/preview',
  },
  'GET /api/admin/automation/journeys/:key/results': {
    as: 'admin',
    unknown: '/api/admin/automation/journeys/no_such_journey/results',
  },
  'POST /api/admin/outbox/:id/retry': {
    as: 'admin',
    unknown: '/api/admin/outbox/obx_00000000000000000000000000/retry',
  },
}

const publicRoutes = new Set([
  '/api/health',
  '/api/auth/local',
  '/api/auth/wechat',
  '/api/program/tiers',
  '/api/openapi.json',
  '/api/staff/login',
])

describe('authorization, decided from the route table', () => {
  const t = useTestApp({}, { verifyLedgers: false })
  let memberToken: string
  let otherToken: string
  let staffToken: string
  const ctx: Context = { otherNotificationId: '', otherRedemptionId: '', otherLotId: '' }
  const served = () => [...new Set(t.app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`))]
  const request = (method: string, path: string, token?: string, body?: unknown) =>
    t.json(method, path.replace(/:(\w+)/g, 'x_$1'), body ?? (method === 'GET' ? undefined : {}), token)

  beforeAll(async () => {
    memberToken = await t.joinedMember('13811110001')
    otherToken = await t.joinedMember('13811110002')
    staffToken = (await outletWithStaff(t)).token
    // Give the other member a notification of their own: an upgrade congratulation (none held out: member ids are
    // random and the upgrade journey holds 10% out by default).
    const settings = (await t.json('GET', '/api/admin/automation/settings', undefined, testAdminToken)).body
    settings.journeys.upgrade.holdoutPercent = 0
    await t.json('PUT', '/api/admin/automation/settings', settings, testAdminToken)
    const otherId = (await t.json('GET', '/api/me', undefined, otherToken)).body.member.id
    await t.app.request(`/api/admin/members/${otherId}/adjustments`, {
      method: 'POST',
      body: JSON.stringify({ ledger: 'growth', amount: 600, reason: '测试升级' }),
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${testAdminToken}`,
        'idempotency-key': 'authz-upgrade-1',
      },
    })
    ctx.otherNotificationId = (await t.json('GET', '/api/me/inbox', undefined, otherToken)).body.notifications[0].id
    // And a pending points-plus-cash redemption of their own.
    const item = await adminCall(t, 'POST', '/api/admin/mall/items', {
      title: '测试商品',
      pointsPrice: 1,
      cashFen: 100,
      stock: 5,
      fulfilment: 'pickup',
    })
    await adminCall(
      t,
      'POST',
      `/api/admin/members/${otherId}/adjustments`,
      { ledger: 'points', amount: 10, reason: '测试积分' },
      'authz-points-1',
    )
    ctx.otherRedemptionId = (await redeem(t, otherToken, { itemId: item.body.item.id })).body.redemption.id
    // And a points lot of their own (from the adjustment), for the extension route.
    ctx.otherLotId = (
      await t.db
        .selectFrom('ledger_lots')
        .select('id')
        .where('member_id', '=', otherId)
        .where('ledger', '=', 'points')
        .executeTakeFirstOrThrow()
    ).id
  })

  it('covers every route that takes an id', () => {
    const withIds = served()
      .filter((route) => route.includes('/:'))
      .sort()
    expect(withIds).toEqual(Object.keys(idRoutes).sort())
  })

  it.each(Object.entries(idRoutes))(
    "%s: an unknown id is 404, and another member's id is the same 404",
    async (_route, c) => {
      const method = _route.split(' ')[0]
      const call: Caller = async (app, path) => {
        if (c.as === 'shop') return shopRequest(app, method as 'GET' | 'POST', path, c.body)
        const token = c.as === 'member' ? memberToken : c.as === 'admin' ? testAdminToken : undefined
        if (c.as === 'admin' && method !== 'GET') {
          const response = await app.app.request(path, {
            method,
            body: JSON.stringify(c.body ?? {}),
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${token}`,
              'idempotency-key': 'authz-unknown-1',
            },
          })
          return { status: response.status, body: (await response.json()) as any }
        }
        return app.json(method, path, method === 'GET' ? undefined : (c.body ?? {}), token)
      }
      const unknown = await call(t, c.unknown)
      expect(unknown.status, JSON.stringify(unknown.body)).toBe(404)
      expect(Object.keys(unknown.body)).toEqual(['error'])
      expect(unknown.body.error.code).toMatch(/^[A-Z_]+_NOT_FOUND$/)
      if (c.foreign) {
        const foreign = await call(t, c.foreign(ctx))
        expect(foreign.status).toBe(404)
        expect({ code: foreign.body.error.code, message: foreign.body.error.message }).toEqual({
          code: unknown.body.error.code,
          message: unknown.body.error.message,
        })
      }
    },
  )

  it('refuses shopper and staff tokens on every admin route, and staff cannot touch the rules', async () => {
    const adminRoutes = served().filter((r) => r.split(' ')[1].startsWith('/api/admin/'))
    expect(adminRoutes.length).toBeGreaterThan(10)
    for (const route of adminRoutes) {
      const [method, path] = route.split(' ')
      expect((await request(method, path, memberToken)).status, `${route} as shopper`).toBe(403)
      expect((await request(method, path, staffToken)).status, `${route} as staff`).toBe(403)
      expect((await request(method, path)).status, `${route} anonymous`).toBe(401)
    }
  })

  it('refuses shopper tokens on every staff route', async () => {
    const staffRoutes = served().filter(
      (r) => r.split(' ')[1].startsWith('/api/staff/') && !publicRoutes.has(r.split(' ')[1]),
    )
    expect(staffRoutes.length).toBeGreaterThan(2)
    for (const route of staffRoutes) {
      const [method, path] = route.split(' ')
      expect((await request(method, path, memberToken)).status, `${route} as shopper`).toBe(403)
      expect((await request(method, path)).status, `${route} anonymous`).toBe(401)
    }
  })

  it('refuses anonymous and staff callers on every member route', async () => {
    const memberRoutes = served().filter((r) => {
      const path = r.split(' ')[1]
      return (
        path.startsWith('/api/me') ||
        path.startsWith('/api/members/') ||
        path.startsWith('/api/sign-in') ||
        path.startsWith('/api/mall/') ||
        path === '/api/auth/logout'
      )
    })
    expect(memberRoutes.length).toBeGreaterThan(10)
    for (const route of memberRoutes) {
      const [method, path] = route.split(' ')
      expect((await request(method, path)).status, `${route} anonymous`).toBe(401)
      expect((await request(method, path, staffToken)).status, `${route} as staff`).toBe(401)
    }
  })
})
