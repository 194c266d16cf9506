import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { apiCaller } from './support/api'
import { acceptTerms, expectNoHorizontalOverflow, screenshot, settle, waitForPage } from './support/browser'
import { e2eClock } from './support/e2e-clock'
import { useServerAndPhone } from './support/server-and-phone'
import { completeOrder } from './support/shop-orders'

// The named demo shoppers, one per FMCG tier. 林小夏 (gold) earned all her 2514 growth 21–84 days ago, before her
// upgrade, so all of it leaves the 365-day window before her validity ends; her points lapse at the next year's end.
const gold = '13800000001'
const silver = '13800000002'
const regular = '13800000003'

const chinese = (day: string) => `${day.slice(0, 4)}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`

/** A count as the app writes it, grouped by thousands: 3023 → 3,023. */
const n = (value: number) => value.toLocaleString('en-US')

describe('H5: copy that reassures — 保级, the cheapest paths and expiring points', () => {
  const { server, phone } = useServerAndPhone()
  const api = apiCaller(() => server.baseUrl)
  let page: Page

  beforeAll(() => {
    page = phone.page
  })

  async function logIn(phoneNumber: string) {
    await page.goto(`${server.baseUrl}/#/pages/login/index`)
    await page.evaluate(() => localStorage.clear())
    await page.goto(`${server.baseUrl}/#/pages/login/index`)
    // After the clock moved past the session, the app may have opened login itself as well: reload so only this
    // login page is in the document (Taro's H5 router keeps earlier pages in it, hidden).
    await page.reload()
    await page.locator('input[placeholder="请输入手机号"]:visible').fill(phoneNumber)
    await acceptTerms(page)
    await page.getByText('登录', { exact: true }).filter({ visible: true }).click()
    await page.locator('.tier-card').waitFor()
  }

  async function loginToken(phoneNumber: string): Promise<string> {
    return (await api('POST', '/api/auth/local', null, { phone: phoneNumber })).body.token
  }

  async function me(phoneNumber: string) {
    return (await api('GET', '/api/me', await loginToken(phoneNumber))).body
  }

  /** The page at rest at 375 px and at 320 px, each captured whole (Taro scrolls inside the page element). */
  async function atBothWidths(name: string) {
    for (const width of [375, 320]) {
      await page.setViewportSize({ width, height: 812 })
      await settle(page)
      await expectNoHorizontalOverflow(page)
      const height = await page
        .locator('.taro_page_show')
        .last()
        .evaluate((el) => el.scrollHeight)
      await page.setViewportSize({ width, height: Math.max(812, Math.min(height, 4000)) })
      await screenshot(page, width === 375 ? name : `${name}-320`)
    }
    await page.setViewportSize({ width: 375, height: 812 })
  }

  it('home says how much more growth by when keeps gold, and why: all of it leaves the window first', async () => {
    const { retain, growth } = await me(gold)
    expect(retain).toMatchObject({ threshold: 1600, growthKept: 0, growthShort: 1600, windowDays: 365 })
    const day = chinese(retain.byDay)
    await logIn(gold)
    const notes = page.locator('.growth-notes')
    await notes.getByText(`${day}前再获得 1,600 成长值即可保持黄金会员`, { exact: true }).waitFor()
    await notes
      .getByText(`现有 ${n(growth)} 成长值都将在 ${day}前满 365 天、不再计入；保级需在此之前新获得 1,600`, {
        exact: true,
      })
      .waitFor()
    await expect(page.getByText(/将于有效期内过期/).count()).resolves.toBe(0)
    await notes.getByText('怎么算 ›').click()
    await notes
      .getByText(`当前成长值 ${n(growth)} = 到 ${day}仍计入的 0 + 在此之前满 365 天的 ${n(growth)}。`)
      .waitFor()
    await notes.locator('.retain-how__sheet').scrollIntoViewIfNeeded()
    await atBothWidths('90-copy-home-retain-all-at-risk')
  })

  it('the tier page says what still counts once a new order keeps part of the growth past the last day', async () => {
    // Tiers are judged as the last day of validity ends, when growth earned in the first two days of the validity
    // has already spent its 365 days; two days on, a ¥1,000 order earns growth that still counts then.
    await phone.advanceTime(2 * 86_400_000)
    await completeOrder(server.baseUrl, gold, 'copy-1', 100_000)
    const { retain, growth } = await me(gold)
    const kept = retain.growthKept
    expect(kept).toBeGreaterThanOrEqual(1000)
    expect(retain.growthShort).toBe(1600 - kept)
    const day = chinese(retain.byDay)
    // The phone's session has lapsed over the two days: log in again, as the shopper would.
    await logIn(gold)
    await page.goto(`${server.baseUrl}/#/membership/pages/tiers/index`)
    const card = page.locator('.tier-retain')
    await waitForPage(page, card.getByText(`${day}前再获得 ${n(1600 - kept)} 成长值即可保持黄金会员`, { exact: true }))
    await card
      .getByText(
        `现有 ${n(growth)} 成长值中，${n(growth - kept)} 将在 ${day}前满 365 天、不再计入；届时仍计入 ${n(kept)}，保级需 1,600`,
      )
      .waitFor()
    await card.getByText('怎么算 ›').click()
    await card.getByText('成长值自获得之日起计入 365 天，满 365 天后不再计入等级。').waitFor()
    await card.scrollIntoViewIfNeeded()
    await atBothWidths('91-copy-tiers-retain-partly-at-risk')
  })

  it('offers only paths a shopper would take (one order, not 签到 627 天); the regular tier keeps nothing', async () => {
    const silverMe = await me(silver)
    expect(silverMe.growthNeeded).toBeGreaterThan(60) // far more than a month of 2-growth sign-ins
    expect(silverMe.paths).toEqual([{ kind: 'order', amountFen: silverMe.growthNeeded * 100 }])
    await logIn(silver)
    const card = page.locator('.tier-card')
    await card.getByText(`再下一单满 ¥${silverMe.growthNeeded.toLocaleString('en-US')}.00 即可升级`).waitFor()
    await expect(card.getByText(/签到/).count()).resolves.toBe(0)
    await atBothWidths('92-copy-home-paths')

    await logIn(regular)
    await expect(page.locator('.growth-notes').count()).resolves.toBe(0)
    await page.goto(`${server.baseUrl}/#/membership/pages/tiers/index`)
    await waitForPage(page, page.getByText('普通会员长期有效'))
    await page.getByText('开通会员即享，无需保级。').waitFor()
    await expect(page.locator('.tier-retain').getByText('怎么算 ›').count()).resolves.toBe(0)
  })

  it('shows points lapsing a year away as a calm schedule, with a way to spend them', async () => {
    await logIn(gold)
    await page.goto(`${server.baseUrl}/#/points/pages/expiring/index`)
    const summary = page.locator('.expiring__summary')
    await waitForPage(page, summary.getByText('积分到期安排'))
    expect(await summary.getAttribute('class')).toContain('expiring__summary--calm')
    await expect(summary.locator('.expiring__note').textContent()).resolves.toMatch(
      /^30 天内没有积分过期；最近一批将于 \d{4}年12月31日 到期，还剩 \d+ 天$/,
    )
    await expect(page.getByText(/请及时使用/).count()).resolves.toBe(0)
    await expect(page.locator('.expiring-list__row--soon').count()).resolves.toBe(0)
    await atBothWidths('93-copy-expiring-calm')
    await summary.getByText('去兑换').click()
    await page.waitForURL(/mall\/pages\/list/)
  })

  it('alarms once the points lapse within the 30 days home warns about', async () => {
    // To ten days before the points' year-end: they now lapse within the window.
    const { lots } = (await api('GET', '/api/me/points/expiring', await loginToken(gold))).body
    const lapse = Date.parse(lots[0].expiresAt)
    await phone.advanceTime(lapse - 10 * 86_400_000 - e2eClock.now().getTime())
    await logIn(gold)
    await page.goto(`${server.baseUrl}/#/points/pages/expiring/index`)
    const summary = page.locator('.expiring__summary')
    await waitForPage(page, summary.getByText('30 天内将过期积分'))
    expect(await summary.getAttribute('class')).toContain('expiring__summary--alarm')
    await expect(summary.locator('.expiring__note').textContent()).resolves.toMatch(/请及时使用$/)
    await summary.getByText('去兑换').waitFor()
    await page.locator('.expiring-list__row--soon').first().waitFor()
    await atBothWidths('94-copy-expiring-alarm')
  })
})
