import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { notify } from '../src/inbox/notify'
import { apiCaller } from './support/api'
import { expectNoHorizontalOverflow, loginAndJoin, screenshot, waitForPage } from './support/browser'
import { e2eClock } from './support/e2e-clock'
import { e2eAdminToken } from './support/h5-server'
import { memberIdByPhone, useServerAndPhone } from './support/server-and-phone'
import { completeOrder, refundOrder } from './support/shop-orders'

// issue 16: what the shopper reads in the points history, on the sign-in calendar and in the inbox.
const phoneNo = '13900001626'
const staffPhone = '13900001627'
const staffPin = '135790'

/** WCAG 2 contrast of two `rgb()` colours. */
function contrast(a: string, b: string): number {
  const lum = (colour: string) => {
    const [r, g, bl] = (colour.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
      const s = Number(v) / 255
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
    })
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl
  }
  const [light, dark] = [lum(a), lum(b)].sort((x, y) => y - x)
  return (light + 0.05) / (dark + 0.05)
}

/** Both phone widths: 375×812 and the narrowest, 320 px. */
async function atBothWidths(page: Page, name: string, check: () => Promise<void> = async () => {}) {
  for (const width of [375, 320]) {
    await page.setViewportSize({ width, height: 812 })
    await check()
    await expectNoHorizontalOverflow(page)
    await screenshot(page, `${name}-${width}`)
  }
  await page.setViewportSize({ width: 375, height: 812 })
}

describe('H5: points history, sign-in rewards and the inbox as a shopper reads them', () => {
  const { server, phone } = useServerAndPhone()
  const api = apiCaller(() => server.baseUrl)
  let token: string
  let memberId: string
  const visible = (page: Page, text: string | RegExp) => page.locator('.taro_page:visible').getByText(text).first()

  it('history rows say 线上订单, the store and 每日签到 with what was paid, never an order id', async () => {
    const { page } = phone
    await loginAndJoin(page, server.baseUrl, phoneNo)
    await page.getByText('每日签到', { exact: true }).waitFor()
    token = (await api('POST', '/api/auth/local', null, { phone: phoneNo })).body.token as string
    memberId = await memberIdByPhone(server, phoneNo)
    await completeOrder(server.baseUrl, phoneNo, 'e2e-21', 12_345)
    await refundOrder(server.baseUrl, phoneNo, 'e2e-21', 12_345, 2_000)
    // A till purchase at the demo's 徐汇旗舰店, recorded by its staff after scanning the member code.
    expect(
      (
        await api('POST', '/api/admin/staff', e2eAdminToken, {
          name: '周店员',
          phone: staffPhone,
          outletId: 'outlet_xuhui',
          pin: staffPin,
        })
      ).status,
    ).toBe(201)
    const staff = (await api('POST', '/api/staff/login', null, { phone: staffPhone, pin: staffPin })).body.token
    const code = (await api('GET', '/api/me/member-code', token)).body.code as string
    const bought = await api('POST', '/api/staff/purchases', staff, { code, amountFen: 8_650, receiptNo: 'R-1626' })
    expect(bought.status).toBe(201)
    expect((await api('POST', '/api/sign-in', token, {})).status).toBe(201)

    await page.goto(`${server.baseUrl}/#/points/pages/history/index?type=points`)
    await page.reload()
    const rows = page.locator('.taro_page:visible .history-row')
    await waitForPage(page, rows.first())
    await visible(page, '每日签到').waitFor()
    await visible(page, '徐汇旗舰店').waitFor()
    await visible(page, /· 实付 ¥86\.50$/).waitFor()
    await visible(page, '线上订单退款').waitFor()
    await visible(page, /· 退款 ¥20\.00$/).waitFor()
    await visible(page, '线上订单').waitFor()
    await visible(page, /· 实付 ¥123\.45$/).waitFor()
    const text = await page.locator('.taro_page:visible').innerText()
    expect(text).not.toMatch(/e2e-21|pos:|R-1626|[a-z]{3}_[0-9A-Z]{10}/)
    await atBothWidths(page, '16-ledger-points-rows')
  })

  it('keeps the 积分 tab on reload', async () => {
    const { page } = phone
    await page.goto(`${server.baseUrl}/#/points/pages/history/index`)
    await page.reload()
    const tab = (label: string) => page.locator('.taro_page:visible [role="tab"]').filter({ hasText: label })
    await waitForPage(page, tab('积分'))
    expect(await tab('成长值').getAttribute('aria-selected')).toBe('true')
    await tab('积分').click()
    await expect.poll(() => tab('积分').getAttribute('aria-selected')).toBe('true')
    expect(page.url()).toContain('type=points')
    await page.reload()
    await waitForPage(page, page.locator('.taro_page:visible .history-row').first())
    expect(await tab('积分').getAttribute('aria-selected')).toBe('true')
    await visible(page, /^余额 /).waitFor()
    await atBothWidths(page, '16-ledger-points-tab-after-reload')
  })

  it("the sign-in calendar shows each day's reward ahead, gifts on milestones, a readable hero, tasks", async () => {
    const { page } = phone
    const calendar = (await api('GET', '/api/sign-in/calendar', token)).body
    await page.goto(`${server.baseUrl}/#/sign-in/pages/calendar/index`)
    await page.reload()
    await waitForPage(page, page.getByRole('button', { name: '今日已签到' }))
    const base = calendar.today.rewards.points as number
    const cell = (day: string) => page.locator(`.taro_page:visible [data-day="${day}"]`)
    // Each day ahead (if signed in every day from here) gives the base points, plus its cycle day's bonus.
    const ahead = (calendar.days as { day: string; status: string }[]).filter((d) => d.status === 'future')
    expect(ahead.length).toBeGreaterThan(3)
    let gifts = 0
    for (const [i, d] of ahead.entries()) {
      const cycleDay = ((calendar.today.cycleDay + i) % calendar.cycleDays) + 1
      const bonus = (calendar.bonuses as { day: number; points: number }[]).find((b) => b.day === cycleDay)
      await expect
        .poll(() => cell(d.day).locator('.sign-cal__mark').innerText())
        .toBe(`+${base + (bonus?.points ?? 0)}`)
      expect(await cell(d.day).locator('.sign-cal__gift').count()).toBe(bonus ? 1 : 0)
      if (bonus) gifts += 1
    }
    expect(gifts).toBeGreaterThan(0)
    // The hero's white text reads at 4.5:1 or more on both ends of its gradient.
    const hero = await page.locator('.taro_page:visible .sign-in__hero').evaluate((el) => {
      const style = getComputedStyle(el)
      const label = el.querySelector('.sign-in__today') as HTMLElement
      return {
        stops: style.backgroundImage.match(/rgba?\([^)]*\)/g) ?? [],
        text: getComputedStyle(label).color,
        opacity: getComputedStyle(label).opacity,
      }
    })
    expect(hero.stops.length).toBeGreaterThanOrEqual(2)
    expect(hero.opacity).toBe('1')
    for (const stop of hero.stops)
      expect(contrast(hero.text, stop), `${hero.text} on ${stop}`).toBeGreaterThanOrEqual(4.5)
    await atBothWidths(page, '16-sign-in-rewards')
    await page.getByTestId('sign-in-tasks').click()
    await expect.poll(() => page.title()).toBe('任务中心')
  })

  it('the inbox: an icon per message, a link that says where it goes, 全部已读, one date format', async () => {
    const { page } = phone
    const now = e2eClock.now()
    const messages = [
      {
        kind: 'points_expiring',
        title: '积分即将过期',
        body: '你有 100 积分将于月底过期',
        page: '/points/pages/expiring/index',
      },
      { kind: 'upgrade', title: '恭喜升级为白银会员', body: '新解锁：每月领券', page: '/membership/pages/tiers/index' },
      { kind: 'campaign', title: '周末双倍积分', body: '本周末下单积分翻倍', page: null },
    ]
    for (const [i, m] of messages.entries())
      await notify(server.db, { memberId, ...m, dedupeKey: `e2e16:${i}`, now: new Date(now.getTime() + i * 60_000) })
    await page.goto(`${server.baseUrl}/#/inbox/pages/list/index`)
    await page.reload()
    const items = page.locator('.taro_page:visible .inbox__item')
    await waitForPage(page, items.first())
    await expect.poll(() => items.count()).toBe(3)
    // Each row's icon draws something: a child of real size inside its tinted circle.
    const icons = page.locator('.taro_page:visible [data-testid="inbox-type-icon"] > *')
    expect(await icons.count()).toBe(3)
    for (const box of await Promise.all((await icons.all()).map((icon) => icon.boundingBox())))
      expect(box?.width ?? 0).toBeGreaterThan(8)
    await visible(page, '查看即将过期积分 ›').waitFor()
    await visible(page, '查看等级权益 ›').waitFor()
    const times = await page.locator('.taro_page:visible .inbox__time').allInnerTexts()
    expect(times).toHaveLength(3)
    for (const t of times) expect(t).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/)
    await atBothWidths(page, '16-inbox-unread')
    await page.getByTestId('inbox-read-all').click()
    await expect.poll(() => page.locator('.taro_page:visible .inbox__dot').count()).toBe(0)
    await page.reload()
    await waitForPage(page, items.first())
    expect(await page.locator('.taro_page:visible .inbox__dot').count()).toBe(0)
    expect((await api('GET', '/api/me/inbox', token)).body.unreadCount).toBe(0)
    await atBothWidths(page, '16-inbox-all-read')
    await visible(page, '查看即将过期积分 ›').click()
    await expect.poll(() => page.title()).toBe('即将过期积分')
  })
})
