import { beforeAll, describe, expect, it } from 'vitest'
import { operatorToken } from '../../test/operator-fixtures'
import { testAdminToken, useTestApp } from '../../test/test-app'
import { insertReportFixtures } from './report-fixtures'

const get = (path: string, query: Record<string, string> = {}) => `${path}?${new URLSearchParams(query)}`

describe('insights before the first nightly snapshot', () => {
  const t = useTestApp()

  it('answers every report with a notice and no tables, and no weekly actions', async () => {
    t.clock.set('2026-12-03T02:00:00.000Z')
    for (const key of ['tier-health', 'points-economy', 'store-funnel', 'rfm']) {
      const answer = await t.json('GET', `/api/admin/insights/${key}`, undefined, testAdminToken)
      expect(answer.status).toBe(200)
      expect(answer.body).toMatchObject({
        from: '2026-11-03',
        to: '2026-12-02',
        notices: [{ tone: 'info', text: '还没有统计数据：夜间统计首次运行后即可查看' }],
        tables: [],
      })
    }
    const weekly = await t.json('GET', '/api/admin/insights/weekly-actions', undefined, testAdminToken)
    expect(weekly.body).toEqual({ weekOf: null, asOf: null, actions: [] })
    const settings = await t.json('GET', '/api/admin/insights/settings', undefined, testAdminToken)
    expect(settings.body).toMatchObject({ pointValueFenPer100: 100, rfmWindowDays: 365, targetShapePercents: null })
  })
})

describe('insights: ranges, store scope, CSV, settings, weekly actions and the member list', () => {
  const t = useTestApp()
  let outletA: string
  let outletB: string
  let managerA: string

  beforeAll(async () => {
    t.clock.set('2026-12-03T02:00:00.000Z')
    outletA = (await t.json('POST', '/api/admin/outlets', { name: '徐汇店' }, testAdminToken)).body.id
    outletB = (await t.json('POST', '/api/admin/outlets', { name: '静安店' }, testAdminToken)).body.id
    managerA = (await operatorToken(t, 'store_manager', outletA)).token
    await insertReportFixtures(t.db, { a: outletA, b: outletB })
  })

  it.each([
    [{ from: '2026-12-02', to: '2026-11-29' }, 'RANGE_BACKWARDS'],
    [{ from: '2025-11-30', to: '2026-12-02' }, 'RANGE_TOO_LONG'],
    [{ from: '2026-11-29', to: '2026-12-10' }, 'RANGE_OUTSIDE_DATA'],
    [{ from: '2026-10-05', to: '2026-10-20' }, 'RANGE_OUTSIDE_DATA'],
    [{ from: '2026-12-05' }, 'RANGE_OUTSIDE_DATA'],
    [{ from: '2026-02-31' }, 'INVALID_REQUEST'],
  ])('refuses the range %j with %s', async (query, code) => {
    const answer = await t.json('GET', get('/api/admin/insights/tier-health', query), undefined, testAdminToken)
    expect(answer.status).toBe(400)
    expect(answer.body.error.code).toBe(code)
  })

  it('takes a range of exactly 366 days', async () => {
    const answer = await t.json(
      'GET',
      get('/api/admin/insights/sign-in', { from: '2025-12-02', to: '2026-12-02' }),
      undefined,
      testAdminToken,
    )
    expect(answer.status).toBe(200)
  })

  it('store funnel: per store scans, joins, first orders, repurchases and staff purchases', async () => {
    const answer = await t.json(
      'GET',
      get('/api/admin/insights/store-funnel', { from: '2026-11-29', to: '2026-12-02' }),
      undefined,
      testAdminToken,
    )
    expect(answer.status).toBe(200)
    const funnel = answer.body.tables.find((x: { key: string }) => x.key === 'funnel').rows
    expect(funnel).toEqual([
      {
        outlet: '徐汇店',
        scans: 30,
        joins: 10,
        firstOrders: 5,
        repurchased: 1,
        joinRate: 33.3,
        firstOrderRate: 50,
        repurchaseRate: 20,
        staffPurchases: 1,
        staffPurchaseFen: 5000,
      },
      {
        outlet: '静安店',
        scans: 5,
        joins: 1,
        firstOrders: 1,
        repurchased: 1,
        joinRate: 20,
        firstOrderRate: 100,
        repurchaseRate: 100,
        staffPurchases: 2,
        staffPurchaseFen: 3000,
      },
    ])
  })

  it("narrows a store manager to their own store, refuses another store's id, and the other reports", async () => {
    const own = await t.json(
      'GET',
      get('/api/admin/insights/store-funnel', { from: '2026-11-29', to: '2026-12-02' }),
      undefined,
      managerA,
    )
    expect(own.status).toBe(200)
    expect(own.body.tables[0].rows.map((r: { outlet: string }) => r.outlet)).toEqual(['徐汇店'])
    const other = await t.json(
      'GET',
      get('/api/admin/insights/store-funnel', { outletId: outletB }),
      undefined,
      managerA,
    )
    expect(other.status).toBe(403)
    expect(other.body.error.code).toBe('OUTLET_FORBIDDEN')
    const csv = await t.app.request(
      get('/api/admin/insights/store-funnel/csv', { outletId: outletB, table: 'funnel' }),
      {
        headers: { authorization: `Bearer ${managerA}` },
      },
    )
    expect(csv.status).toBe(403)
    const tiers = await t.json('GET', '/api/admin/insights/tier-health', undefined, managerA)
    expect(tiers.status).toBe(403)
  })

  it('exports a table as CSV: BOM, header of column labels, yuan for fen, an attachment name', async () => {
    const response = await t.app.request(
      get('/api/admin/insights/points-economy/csv', { from: '2026-11-29', to: '2026-12-02', table: 'top-items' }),
      { headers: { authorization: `Bearer ${testAdminToken}` } },
    )
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="points-economy-top-items-2026-11-29_2026-12-02.csv"; ' +
        `filename*=UTF-8''${encodeURIComponent('积分经济-兑换最多的商品-2026-11-29_2026-12-02.csv')}`,
    )
    const bytes = new Uint8Array(await response.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(new TextDecoder().decode(bytes.slice(3)).split('\r\n')).toEqual([
      '商品,兑换次数,件数,消耗积分,收取现金(元)',
      '保温杯,4,4,400,0.00',
      '帆布袋,2,2,80,10.00',
      '',
    ])
    const unknown = await t.app.request(get('/api/admin/insights/points-economy/csv', { table: 'nope' }), {
      headers: { authorization: `Bearer ${testAdminToken}` },
    })
    expect(unknown.status).toBe(404)
  })

  it('keeps the settings, audited, refusing bad ones; only program.edit may change them', async () => {
    const body = { targetShapePercents: [50, 35, 15], lifecycle: { newDays: 14, activeDays: 60, dormantDays: 120 } }
    const saved = await t.json('PUT', '/api/admin/insights/settings', body, testAdminToken)
    expect(saved.status).toBe(200)
    expect(saved.body).toMatchObject({ ...body, pointValueFenPer100: 100, clvExpectedYears: 3 })
    expect((await t.json('GET', '/api/admin/insights/settings', undefined, testAdminToken)).body).toEqual(saved.body)
    const trail = await t.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('action', '=', 'insights.settings.update')
      .execute()
    expect(trail).toHaveLength(1)
    expect(JSON.parse(trail[0].detail).after.targetShapePercents).toEqual([50, 35, 15])
    const bad = await t.json(
      'PUT',
      '/api/admin/insights/settings',
      { lifecycle: { newDays: 1, activeDays: 90, dormantDays: 90 } },
      testAdminToken,
    )
    expect(bad.status).toBe(400)
    const analyst = (await operatorToken(t, 'analyst')).token
    expect((await t.json('GET', '/api/admin/insights/settings', undefined, analyst)).status).toBe(200)
    expect((await t.json('PUT', '/api/admin/insights/settings', body, analyst)).status).toBe(403)
    // Restore the defaults for the specs below.
    await t.json('PUT', '/api/admin/insights/settings', {}, testAdminToken)
  })

  it("the owner's weekly actions: numbers and one tap each, most valuable first", async () => {
    const answer = await t.json('GET', '/api/admin/insights/weekly-actions', undefined, testAdminToken)
    expect(answer.status).toBe(200)
    expect(answer.body.weekOf).toBe('2026-11-30')
    expect(answer.body.asOf).toBe('2026-12-02')
    expect(answer.body.actions.map((a: { key: string; text: string }) => a.text)).toEqual([
      '黄金会员中 6 人曾经消费高、最近没来（重要挽留）',
      '下月将过期积分折合 ¥8，提醒会员来兑换',
      '普通会员 → 白银会员 差 20% 以内的有 8 人',
      '3 位会员 30 天内可能保级失败',
      '32 位会员 90 天以上没有消费（沉睡）',
    ])
    const manager = await t.json('GET', '/api/admin/insights/weekly-actions', undefined, managerA)
    expect(manager.body).toEqual({ weekOf: null, asOf: null, actions: [] })
    expect(answer.body.actions[0].action).toEqual({
      label: '查看名单',
      route: 'merchantInsightMembers',
      query: { rfmGroup: 'important_retain', tier: 'gold' },
    })
  })

  it('lists scored members by group, lifecycle, tag and tier, phones masked, paged by cursor', async () => {
    const ids: string[] = []
    for (const [i, phone] of ['13900000001', '13900000002', '13900000003'].entries()) {
      // A second apart, so the ids (time-ordered) list newest first in this order.
      t.clock.set(`2026-12-03T02:00:0${i + 1}.000Z`)
      const token = await t.joinedMember(phone)
      ids.push((await t.json('GET', '/api/me', undefined, token)).body.member.id)
    }
    const scored = (member_id: string, rfm_group: string | null, lifecycle: 'active' | 'dormant' | 'lapsed') => ({
      member_id,
      as_of_day: '2026-12-02',
      last_order_day: rfm_group ? '2026-06-01' : null,
      first_order_day: rfm_group ? '2026-01-01' : null,
      repurchased_30d: 0,
      recency_days: rfm_group ? 184 : null,
      frequency: rfm_group ? 5 : 0,
      monetary_fen: rfm_group ? 50_000 : 0,
      r_score: rfm_group ? 2 : null,
      f_score: rfm_group ? 4 : null,
      m_score: rfm_group ? 5 : null,
      rfm_group,
      lifecycle,
      clv_fen: rfm_group ? 150_000 : 0,
      orders_30d: 0,
      spend_30d_fen: 0,
      orders_90d: 0,
      spend_90d_fen: 0,
    })
    await t.db
      .insertInto('member_insights')
      .values([
        scored(ids[0], 'important_retain', 'dormant'),
        scored(ids[1], 'important_retain', 'lapsed'),
        scored(ids[2], null, 'lapsed'),
      ])
      .execute()
    await t.db
      .insertInto('member_tags')
      .values({
        member_id: ids[1],
        tag: 'VIP客户',
        source: 'manual',
        created_by: 'test',
        created_at: '2026-12-02T00:00:00.000Z',
      })
      .execute()
    const list = (query: Record<string, string>) =>
      t.json('GET', get('/api/admin/insights/members', query), undefined, testAdminToken)
    const first = await list({ rfmGroup: 'important_retain', tier: 'regular', limit: '1' })
    expect(first.status).toBe(200)
    expect(first.body.members).toEqual([
      expect.objectContaining({
        id: ids[1],
        phone: '139****0002',
        phoneMasked: true,
        rfmGroupLabel: '重要挽留',
        lifecycleLabel: '流失',
        clvFen: 150_000,
      }),
    ])
    const second = await list({ rfmGroup: 'important_retain', limit: '1', cursor: first.body.nextCursor })
    expect(second.body.members.map((m: { id: string }) => m.id)).toEqual([ids[0]])
    expect(second.body.nextCursor).toBeNull()
    expect((await list({ lifecycle: 'lapsed' })).body.members.map((m: { id: string }) => m.id)).toEqual([
      ids[2],
      ids[1],
    ])
    expect((await list({ tag: 'VIP客户' })).body.members.map((m: { id: string }) => m.id)).toEqual([ids[1]])
    expect((await list({ tier: 'gold' })).body).toEqual({ asOf: '2026-12-02', members: [], nextCursor: null })
  })
})
