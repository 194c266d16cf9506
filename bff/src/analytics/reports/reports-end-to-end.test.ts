import type { ReportAnswer } from '@mc/shared'
import { beforeAll, describe, expect, it } from 'vitest'
import { runInsightsJob } from '../../jobs/run-insights-job'
import { orderEvent, sendOrderEvent } from '../../test/order-events'
import { outletWithStaff } from '../../test/staff-fixtures'
import { testAdminToken, useTestApp } from '../../test/test-app'

/**
 * From real requests to report figures: members join (one through a store's QR code, after scanning it), sign in
 * and order over two business days; the nightly job runs after each; the reports then show exactly those events.
 */
describe('reports end to end: real events, the nightly job, the answers', () => {
  const t = useTestApp()
  const range = new URLSearchParams({ from: '2026-11-10', to: '2026-11-11' })
  const report = async (key: string) => {
    const answer = await t.json('GET', `/api/admin/insights/${key}?${range}`, undefined, testAdminToken)
    expect(answer.status, JSON.stringify(answer.body)).toBe(200)
    return answer.body as ReportAnswer
  }
  const rows = (answer: ReportAnswer, key: string) => answer.tables.find((x) => x.key === key)?.rows ?? []
  const nightAfter = async (day: string) => {
    t.clock.set(`${day}T17:00:00.000Z`) // 01:00 the next morning in Shanghai
    expect(await runInsightsJob(t.db, t.clock.now(), 'spec')).toMatchObject({ ran: true, businessDay: day })
  }

  beforeAll(async () => {
    t.clock.set('2026-11-10T02:00:00.000Z')
    const store = await outletWithStaff(t, { outletName: '徐汇店' })
    expect((await t.json('GET', `/api/outlets/scene/${encodeURIComponent(store.scene)}`)).status).toBe(200)
    const joinAs = async (phone: string, scene?: string) => {
      const login = await t.json('POST', '/api/auth/local', { phone })
      await t.json('POST', '/api/members/join', scene ? { scene } : {}, login.body.token)
      const me = await t.json('GET', '/api/me', undefined, login.body.token)
      return { token: login.body.token as string, id: me.body.member.id as string }
    }
    const inStore = await joinAs('13600000001', store.scene)
    const online = await joinAs('13600000002')
    await t.json('POST', '/api/sign-in', {}, inStore.token)
    await t.json('POST', '/api/sign-in', {}, online.token)
    const over = { occurredAt: t.clock.now().toISOString() }
    for (const type of ['order.paid', 'order.completed'] as const) {
      await sendOrderEvent(t, orderEvent(type, 'e2e-order-1', { memberId: inStore.id }, 10_000, over))
    }
    await nightAfter('2026-11-10')
    t.clock.set('2026-11-11T01:00:00.000Z') // 09:00 in Shanghai, inside the 24-hour session
    await t.json('POST', '/api/sign-in', {}, online.token)
    await nightAfter('2026-11-11')
  })

  it('sign-ins per day, the store funnel, members per tier and the points liability', async () => {
    const signIn = await report('sign-in')
    expect(rows(signIn, 'daily')).toEqual([
      { day: '2026-11-10', signIns: 2, makeUps: 0 },
      { day: '2026-11-11', signIns: 1, makeUps: 0 },
    ])
    const funnel = await report('store-funnel')
    expect(rows(funnel, 'funnel')).toEqual([
      expect.objectContaining({ outlet: '徐汇店', scans: 1, joins: 1, firstOrders: 1 }),
    ])
    const tiers = await report('tier-health')
    for (const day of rows(tiers, 'distribution')) {
      expect(Number(day.regular) + Number(day.silver) + Number(day.gold)).toBe(2)
    }
    const balances = await t.db.selectFrom('ledger_accounts').select('balance').where('ledger', '=', 'points').execute()
    const liability = balances.reduce((s, b) => s + Math.max(0, Number(b.balance)), 0)
    const points = await report('points-economy')
    const value = (key: string) => points.figures.find((f) => f.key === key)?.value
    expect(liability).toBeGreaterThan(0)
    expect(value('liabilityPoints')).toBe(liability)
    // Nothing was spent, expired or clawed back, so everything issued is still outstanding.
    expect(value('issued')).toBe(liability)
  })

  it('RFM after the nightly scoring: one member with an order in the window, one without', async () => {
    const rfm = await report('rfm')
    expect(rfm.figures.find((f) => f.key === 'scored')?.value).toBe(1)
    const cross = rows(rfm, 'rfm-tier')
    expect(cross.reduce((s, r) => s + Number(r.total), 0)).toBe(2)
    expect(cross.find((r) => r.segment === '窗口内无订单')?.total).toBe(1)
  })
})
