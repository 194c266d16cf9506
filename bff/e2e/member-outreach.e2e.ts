import { newId } from '@mc/shared'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { apiCaller } from './support/api'
import {
  acceptTerms,
  expectNoHorizontalOverflow,
  loginAndJoin,
  screenshot,
  settle,
  waitForPage,
} from './support/browser'
import { e2eClock } from './support/e2e-clock'
import { e2eAdminToken } from './support/h5-server'
import { memberIdByPhone, useServerAndPhone } from './support/server-and-phone'

const phoneNo = '13900000077'
// The first named demo shopper: points lapsing at the year's end, so the expiring-points page has its button.
const demoPhone = '13800000001'
const templates = { tier: 'tpl_e2e_tier', points: 'tpl_e2e_points', offers: 'tpl_e2e_offers' } as const
// More than one page of 50, the most the BFF gives at once; the app asks 20 at a time.
const seededMessages = 60

describe('H5: subscription prompts, inbox deep links and paging, notification settings', () => {
  const { server, phone } = useServerAndPhone()
  const api = apiCaller(() => server.baseUrl)
  let page: Page
  let memberId: string
  const sheet = () => page.getByTestId('subscribe-sheet')
  const row = (table: 'wechat_subscriptions' | 'wechat_subscription_choices') =>
    server.db.selectFrom(table).selectAll().where('member_id', '=', memberId).execute()

  beforeAll(async () => {
    page = phone.page
    // The merchant maps three categories to WeChat templates (the care category stays without one).
    const current = await api('GET', '/api/admin/automation/settings', e2eAdminToken)
    expect(current.status).toBe(200)
    const wechat = {
      ...current.body.wechat,
      templates: Object.fromEntries(
        Object.entries(templates).map(([category, templateId]) => [category, { templateId, fields: {} }]),
      ),
    }
    const saved = await api('PUT', '/api/admin/automation/settings', e2eAdminToken, { ...current.body, wechat })
    expect(saved.status).toBe(200)
  })

  it('asks at the join tap with the stand-in sheet; 取消 records nothing', async () => {
    await loginAndJoin(page, server.baseUrl, phoneNo)
    await sheet().waitFor()
    await expect(sheet().getByText('等级变化与保级提醒').count()).resolves.toBe(1)
    await expect(sheet().getByText('优惠券与活动').count()).resolves.toBe(1)
    await sheet().getByText('取消', { exact: true }).click()
    await sheet().waitFor({ state: 'detached' })
    await page.getByText('每日签到', { exact: true }).waitFor()
    memberId = await memberIdByPhone(server, phoneNo)
    await expect(row('wechat_subscriptions')).resolves.toHaveLength(0)
  })

  it('asks at the sign-in tap; 允许 with 总是保持 records both, the next sign-in grants them silently', async () => {
    await page.getByText('每日签到', { exact: true }).click()
    await page.getByRole('button', { name: '签到', exact: true }).click()
    await sheet().waitFor()
    await expect(sheet().getByText('积分到期提醒').count()).resolves.toBe(1)
    await sheet().getByTestId('subscribe-keep').click()
    await screenshot(page, '60-subscribe-sheet')
    await sheet().getByText('允许', { exact: true }).click()
    await sheet().waitFor({ state: 'detached' })
    await page.getByRole('button', { name: '今日已签到' }).waitFor()

    await expect.poll(async () => (await row('wechat_subscriptions')).length).toBe(2)
    const subscribed = (await row('wechat_subscriptions')).map((s) => s.template_id).sort()
    expect(subscribed).toEqual([templates.points, templates.tier])
    const kept = await row('wechat_subscription_choices')
    expect(kept.map((k) => [k.template_id, k.decision]).sort()).toEqual([
      [templates.points, 'accept'],
      [templates.tier, 'accept'],
    ])
    const status = await api('GET', '/api/admin/outreach/status', e2eAdminToken)
    const reach = Object.fromEntries(
      (status.body.templates as { templateId: string; reachableMembers: number }[]).map((t) => [
        t.templateId,
        t.reachableMembers,
      ]),
    )
    expect(reach[templates.tier]).toBeGreaterThanOrEqual(1)
    expect(reach[templates.points]).toBeGreaterThanOrEqual(1)

    // The next business day (01:00 in Shanghai, well inside the session) the sign-in tap shows nothing, and, as
    // WeChat does for a kept acceptance, each template is granted once more without a dialog.
    await phone.advanceTime(15 * 3_600_000)
    await page.reload()
    await page.getByRole('button', { name: '签到', exact: true }).click()
    await page.getByRole('button', { name: '今日已签到' }).waitFor()
    await expect.poll(async () => (await row('wechat_subscriptions')).length).toBe(4)
    await expect(sheet().count()).resolves.toBe(0)
  })

  it('opens the page a message links to and marks it read', async () => {
    await seedMessages()
    await page.goto(`${server.baseUrl}/#/inbox/pages/list/index`)
    const linked = page.getByText('600 积分即将过期')
    await waitForPage(page, linked)
    await expect(page.locator('.inbox__item').count()).resolves.toBe(20)
    await expectNoHorizontalOverflow(page)
    await screenshot(page, '61-inbox')
    await linked.click()
    await waitForPage(page, page.locator('.expiring__label'))
    const read = await server.db
      .selectFrom('notifications')
      .select('read_at')
      .where('dedupe_key', '=', 'e2e:linked')
      .executeTakeFirstOrThrow()
    expect(read.read_at).not.toBeNull()
    await page.goBack()
    await waitForPage(page, linked)
  })

  it('loads every message by scrolling, past 50, down to the end marker', async () => {
    const total = await server.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('member_id', '=', memberId)
      .executeTakeFirstOrThrow()
    expect(Number(total.n)).toBeGreaterThan(seededMessages)
    const end = page.getByText('没有更多了')
    for (let scrolls = 0; scrolls < 10 && (await end.count()) === 0; scrolls += 1) await scrollDownLikeAFinger()
    await end.waitFor()
    await expect(page.locator('.inbox__item').count()).resolves.toBe(Number(total.n))
    await page.getByText('消息 1', { exact: true }).waitFor()
    await page
      .locator('.taro_page_show')
      .last()
      .evaluate((el) => el.scrollTo(0, el.scrollHeight))
    await screenshot(page, '62-inbox-end')
  })

  it('mutes a category and turns SMS on and off from the settings page', async () => {
    await page
      .locator('.taro_page_show')
      .last()
      .evaluate((el) => el.scrollTo(0, 0))
    await page.getByTestId('inbox-settings').click()
    await waitForPage(page, page.getByText('积分到期提醒', { exact: true }))
    await page.getByTestId('notify-category-offers').locator('.nut-switch').click()
    await page.getByText('已保存').waitFor()
    await expect.poll(() => prefs()).toMatchObject({ muted_categories: '["offers"]' })

    await page.getByTestId('notify-sms').locator('.nut-switch').click()
    await expect.poll(async () => (await prefs())?.sms_consent_at ?? null).not.toBeNull()
    await expectNoHorizontalOverflow(page)
    await screenshot(page, '63-notification-settings')

    // A 退订 reply turns SMS off; the page then says so, and the switch turns it back on.
    await server.db
      .updateTable('member_notification_prefs')
      .set({ sms_opted_out_at: e2eClock.now().toISOString() })
      .where('member_id', '=', memberId)
      .execute()
    await page.reload()
    await page.getByTestId('notify-sms-opted-out').waitFor()
    await settle(page)
    await screenshot(page, '64-notification-settings-opted-out')
    await page.getByTestId('notify-sms').locator('.nut-switch').click()
    await expect.poll(async () => (await prefs())?.sms_opted_out_at).toBeNull()
  })

  it('asks for the expiry reminder at the 到期前提醒我 tap on the expiring-points page', async () => {
    await page.goto(`${server.baseUrl}/#/pages/login/index`)
    await page.evaluate(() => localStorage.clear())
    await page.reload()
    await page.getByPlaceholder('请输入手机号').fill(demoPhone)
    await acceptTerms(page)
    await page.getByText('登录', { exact: true }).click()
    await page.getByText('林小夏').waitFor()
    await page.goto(`${server.baseUrl}/#/points/pages/expiring/index`)
    await waitForPage(page, page.getByText('到期前提醒我'))
    await expectNoHorizontalOverflow(page)
    await screenshot(page, '65-expiring-remind')
    await page.getByText('到期前提醒我').click()
    await sheet().waitFor()
    await expect(sheet().locator('[role="switch"]').count()).resolves.toBe(1)
    await sheet().getByText('允许', { exact: true }).click()
    await page.getByText('已订阅，积分到期前会提醒你').waitFor()
  })

  /**
   * Scrolls the page to its bottom in two moves, as a finger does: Taro fires reach-bottom again only after a
   * scroll event away from the bottom, which one jump to a grown list's new bottom would not give.
   */
  async function scrollDownLikeAFinger() {
    const scroller = page.locator('.taro_page_show').last()
    await scroller.evaluate((el) => el.scrollTo(0, el.scrollHeight - el.clientHeight - 300))
    await page.waitForTimeout(100)
    await scroller.evaluate((el) => el.scrollTo(0, el.scrollHeight))
    await page.waitForTimeout(400)
  }

  /** The member's prefs row as saved by the settings page. */
  function prefs() {
    return server.db
      .selectFrom('member_notification_prefs')
      .select(['muted_categories', 'sms_consent_at', 'sms_opted_out_at'])
      .where('member_id', '=', memberId)
      .executeTakeFirst()
  }

  /** 60 plain messages, oldest first, then the newest one linking to the expiring-points page. */
  async function seedMessages() {
    const start = e2eClock.now().getTime() - (seededMessages + 1) * 60_000
    const message = (n: number, page: string | null, title: string, dedupeKey: string) => ({
      id: newId('ntf', start + n * 60_000),
      member_id: memberId,
      kind: page ? 'points_expiring' : 'campaign',
      title,
      body: page ? '你有 600 积分将于12月31日过期，快去积分商城兑换吧。' : `第 ${n} 条活动消息`,
      dedupe_key: dedupeKey,
      page,
      read_at: null,
      created_at: new Date(start + n * 60_000).toISOString(),
    })
    const rows = Array.from({ length: seededMessages }, (_, i) => message(i + 1, null, `消息 ${i + 1}`, `e2e:${i + 1}`))
    rows.push(message(seededMessages + 1, '/points/pages/expiring/index', '600 积分即将过期', 'e2e:linked'))
    await server.db.insertInto('notifications').values(rows).execute()
  }
})
