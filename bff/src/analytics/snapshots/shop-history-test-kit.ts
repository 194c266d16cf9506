import { addDays, fmcgTemplate } from '@mc/shared'
import { expect } from 'vitest'
import { runInsightsJob } from '../../jobs/run-insights-job'
import { adminCall, mallItem, redeem } from '../../test/mall-fixtures'
import { orderEvent, sendOrderEvent } from '../../test/order-events'
import { outletWithStaff } from '../../test/staff-fixtures'
import { testAdminToken, type TestApp } from '../../test/test-app'

/** A small deterministic PRNG (mulberry32), so a history is the same on every run and engine. */
function prng(seed: number) {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/**
 * `days` days of a small shop from `firstDay`, every request through the real routes: two members join each of the
 * first ten days (every other one from a store QR code), members sign in, pay and complete orders, some refunded in
 * part the next day, redeem and sometimes get their redemption refunded; on day 20 the merchant publishes lower
 * 白银 thresholds, which upgrades members at once. After each day the nightly job runs (when `nightly`).
 */
export async function shopHistory(t: TestApp, firstDay: string, days: number, options: { nightly: boolean }) {
  const random = prng(20261203)
  const members: { id: string; token: string; orders: string[] }[] = []
  const at = (day: string, hourUtc: number) => `${day}T${String(hourUtc).padStart(2, '0')}:00:00.000Z`
  // 10:00 Shanghai is 02:00 UTC of the same date.
  t.clock.set(at(firstDay, 2))
  const till = await outletWithStaff(t)
  const mug = await mallItem(t, { title: '马克杯', pointsPrice: 40, stock: 1000 })
  let orderNo = 0
  for (let d = 0; d < days; d++) {
    const day = addDays(firstDay, d)
    t.clock.set(at(day, 2))
    const occurred = () => ({ occurredAt: t.clock.now().toISOString() })
    if (d < 10) {
      for (let j = 0; j < 2; j++) {
        const login = await t.json('POST', '/api/auth/local', { phone: `1388800${String(d * 2 + j).padStart(4, '0')}` })
        const body = j === 0 ? { scene: till.scene } : {}
        expect((await t.json('POST', '/api/members/join', body, login.body.token)).status).toBe(200)
        const id = (await t.json('GET', '/api/me', undefined, login.body.token)).body.member.id as string
        members.push({ id, token: login.body.token, orders: [] })
      }
    }
    if (d === 20) await publishLowerSilver(t)
    for (const m of members) {
      if (random() < 0.4) await t.json('POST', '/api/sign-in', {}, m.token)
      if (random() < 0.25) {
        orderNo += 1
        const orderId = `H-${orderNo}`
        const amount = 5_000 + Math.floor(random() * 30) * 1_000
        await sendOrderEvent(t, orderEvent('order.paid', orderId, { memberId: m.id }, amount, occurred()))
        await sendOrderEvent(t, orderEvent('order.completed', orderId, { memberId: m.id }, amount, occurred()))
        m.orders.push(orderId)
      }
      const last = m.orders.at(-1)
      if (last && random() < 0.08) {
        const refund = { ...occurred(), refundId: `R-${last}-${d}`, refundAmountFen: 1_000 }
        await sendOrderEvent(t, orderEvent('order.refunded', last, { memberId: m.id }, 1_000, refund))
      }
      if (random() < 0.1) {
        const placed = await redeem(t, m.token, { itemId: mug.id })
        if (placed.status === 201 && random() < 0.3)
          await adminCall(t, 'POST', `/api/admin/mall/redemptions/${placed.body.redemption.id}/refund`, {
            reason: '退回',
          })
      }
    }
    if (options.nightly) {
      t.clock.set(at(day, 17)) // 01:00 the next morning in Shanghai
      const run = await runInsightsJob(t.db, t.clock.now(), 'nightly')
      expect(run).toMatchObject({ ran: true, businessDay: day })
    }
  }
  return { members, outletId: till.outletId, lastDay: addDays(firstDay, days - 1) }
}

/** The merchant lowers 白银 to 300 growth (retain 300) through the console's draft and publish routes. */
async function publishLowerSilver(t: TestApp) {
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await t.app.request(`/api/admin/program${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${testAdminToken}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    return { status: response.status, body: (await response.json()) as any }
  }
  const draft = (await call('POST', '/drafts', { template: 'fmcg' })).body
  const tiers = fmcgTemplate.tiers.map((tier) =>
    tier.key === 'silver' ? { ...tier, threshold: 300, retainThreshold: 300 } : tier,
  )
  expect((await call('PATCH', `/drafts/${draft.id}`, { tiers })).status).toBe(200)
  const published = await call('POST', `/drafts/${draft.id}/publish`, { demotions: 'keep_until_validity_end' })
  expect(published.status).toBe(201)
}
