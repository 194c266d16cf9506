import { describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { tierPalette } from '../../miniapp/src/membership/tier-display'
import {
  acceptTerms,
  expectNoHorizontalOverflow,
  loginAndJoin,
  openPhone,
  screenshot,
  waitForPage,
} from './support/browser'
import { completeOrder } from './support/shop-orders'
import { useServerAndPhone } from './support/server-and-phone'

const shopper = '13912347001'
const silverColor = '#7d8ea3'

/** The page Taro's H5 router shows now (hidden pages stay in the document). */
const visible = (page: Page) => page.locator('.taro_page:visible')

const go = async (page: Page, baseUrl: string, path: string, content: (p: Locator) => Locator) => {
  await page.goto(`${baseUrl}/#${path}`)
  await page.reload() // a fresh load, so only this page is in the document
  await waitForPage(page, content(visible(page)))
}

const colourOf = (locator: Locator) =>
  locator.evaluate((el) => {
    const style = getComputedStyle(el)
    return { color: style.color, background: style.backgroundColor }
  })

/** #rrggbb as the rgb() string getComputedStyle answers. */
const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)).join(', ')})`

describe('H5: the member center at brand level (issue 16)', () => {
  const { server, phone } = useServerAndPhone()

  it('draws icons, the stats strip and a one-tap sign-in on home, without a logout button there', async () => {
    const { page } = phone
    await loginAndJoin(page, server.baseUrl, shopper)
    await waitForPage(page, visible(page).getByText('再得 500 成长值升级白银会员'))
    const home = visible(page)
    // Every shortcut starts with an icon of the set, not a single character.
    await expect(home.locator('.shortcuts__item').count()).resolves.toBe(7)
    await expect(home.locator('.shortcuts__item .nut-icon.mc-icon').count()).resolves.toBe(7)
    for (const glyph of ['签', '码', '券', '兑', '信']) {
      await expect(home.locator('.shortcuts').getByText(glyph, { exact: true }).count()).resolves.toBe(0)
    }
    // 积分 | 优惠券 N 张
    await expect(home.getByTestId('home-stats-points').innerText()).resolves.toMatch(/^0\s*积分 ›$/)
    await home.getByTestId('home-stats-coupons').getByText('0 张').waitFor()
    await expect(home.getByText('退出登录').count()).resolves.toBe(0)

    const signIn = home.getByTestId('home-sign-in')
    await signIn.getByText(/^今日签到 \+/).waitFor()
    await screenshot(page, 'brand-01-home-new')
    await expectNoHorizontalOverflow(page)
    // Named apart from the calendar's 签到 button, which other specs find by its exact name.
    await signIn.getByRole('button', { name: '立即签到' }).click()
    await signIn.getByText('已连续签到 1 天').waitFor()
    await signIn.getByText(/^签到成功 \+/).waitFor()
    // What it gave is on the strip without leaving home.
    await expect(home.getByTestId('home-stats-points').innerText()).resolves.not.toMatch(/^0\s/)
    await screenshot(page, 'brand-02-home-signed')
    await signIn.getByText('签到日历 ›').first().click()
    await waitForPage(page, visible(page).getByText('今日已签到'))
  })

  it('paints the tier in one colour on home, the member code and the tiers page', async () => {
    const { page } = phone
    await completeOrder(server.baseUrl, shopper, 'brand-silver', 60_000)
    await go(page, server.baseUrl, '/pages/home/index', (p) => p.locator('.tier-card__badge').getByText('白银会员'))
    const palette = tierPalette(silverColor)
    const expected = { color: rgb(palette.badgeText), background: rgb(palette.badgeBackground) }
    await expect(colourOf(visible(page).locator('.tier-card__badge'))).resolves.toEqual(expected)
    await expect(visible(page).locator('.tier-card .tier-art__emblem').count()).resolves.toBe(1)
    await screenshot(page, 'brand-03-home-silver')

    await go(page, server.baseUrl, '/member-code/pages/code/index', (p) => p.locator('.member-code__tier'))
    await expect(colourOf(visible(page).locator('.member-code__tier'))).resolves.toEqual(expected)

    await go(page, server.baseUrl, '/membership/pages/tiers/index', (p) => p.getByText('等级权益'))
    // The tier's card on the ladder and the standing share the tier card's gradient.
    const standing = await visible(page)
      .locator('.tier-position')
      .evaluate((el) => getComputedStyle(el).backgroundImage)
    const silverHead = await visible(page)
      .locator('.tier-cards__head')
      .nth(1)
      .evaluate((el) => getComputedStyle(el).backgroundImage)
    expect(standing).toBe(silverHead)
    await expect(visible(page).locator('.tier-cards__benefit .nut-icon.mc-icon').count()).resolves.toBeGreaterThan(3)
    await screenshot(page, 'brand-04-tiers')
    await expectNoHorizontalOverflow(page)
  })

  it('shows benefits as tiles with their value, locked ones with the tier that unlocks them', async () => {
    const { page } = phone
    await go(page, server.baseUrl, '/benefits/pages/list/index', (p) => p.getByText('升级可享'))
    const monthly = visible(page).getByTestId('benefit-coupon_pack_monthly')
    await expect(monthly.locator('.benefit__value').innerText()).resolves.toMatch(/^¥\d+/)
    await expect(monthly.locator('.nut-icon.mc-icon').count()).resolves.toBe(1)
    const memberPrice = visible(page).getByTestId('benefit-member_price')
    await expect(memberPrice.locator('.benefit__value').innerText()).resolves.toMatch(/折$/)
    await visible(page).locator('.benefit--locked').first().getByText('解锁等级：黄金会员').waitFor()
    await monthly.getByRole('button', { name: '领取' }).click()
    await monthly.getByText('已领取').waitFor()
    await screenshot(page, 'brand-05-benefits')
    await expectNoHorizontalOverflow(page)
  })

  it('keeps the coupons in a wallet with tabs, titles by terms, validity, places and 去使用', async () => {
    const { page } = phone
    await go(page, server.baseUrl, '/pages/home/index', (p) => p.getByTestId('home-stats-coupons'))
    const count = visible(page).getByTestId('home-stats-coupons')
    await count.getByText(/^[1-9]\d* 张$/).waitFor()
    await count.click()
    await waitForPage(page, visible(page).getByTestId('coupon-ticket').first())
    const ticket = visible(page).getByTestId('coupon-ticket').first()
    await expect(ticket.locator('.coupon-ticket__title').innerText()).resolves.toMatch(/^(满 \d+ 减 \d+|无门槛减 \d+)$/)
    await ticket.getByText(/^有效期至 \d{4}年\d{1,2}月\d{1,2}日$/).waitFor()
    await ticket.getByText('线上商城 / 门店').waitFor()
    await screenshot(page, 'brand-06-wallet')
    await expectNoHorizontalOverflow(page)
    await ticket.getByRole('button', { name: '去使用' }).click()
    await ticket.getByText(/填写券码 [0-9A-Z]{4} /).waitFor()
    await screenshot(page, 'brand-07-wallet-how')
    await visible(page)
      .getByRole('tab', { name: /已使用/ })
      .click()
    await visible(page).getByText('还没有用过优惠券').waitFor()
    await visible(page)
      .getByRole('tab', { name: /可使用/ })
      .click()
    await visible(page).getByTestId('coupon-ticket').first().getByRole('button', { name: '去使用' }).click()
    await visible(page).getByRole('button', { name: '出示会员码' }).click()
    await waitForPage(page, visible(page).getByText(/请向店员出示/))
  })

  it('fits a 320 px phone: home, benefits, wallet and tiers', async () => {
    const narrow = await openPhone({ width: 320, height: 640, isMobile: true })
    try {
      const { page } = narrow
      await page.goto(`${server.baseUrl}/#/pages/login/index`)
      await page.getByPlaceholder('请输入手机号').fill(shopper)
      await acceptTerms(page)
      await page.getByText('登录', { exact: true }).click()
      await waitForPage(page, visible(page).getByTestId('home-stats-coupons'))
      await expectNoHorizontalOverflow(page)
      await screenshot(page, 'brand-08-home-320')
      for (const [path, name, content] of [
        ['/benefits/pages/list/index', 'brand-09-benefits-320', '升级可享'],
        ['/coupons/pages/wallet/index', 'brand-10-wallet-320', '线上商城 / 门店'],
        ['/membership/pages/tiers/index', 'brand-11-tiers-320', '等级权益'],
      ] as const) {
        await go(page, server.baseUrl, path, (p) => p.getByText(content).first())
        await expectNoHorizontalOverflow(page)
        await screenshot(page, name)
      }
    } finally {
      await narrow.close()
    }
  })

  it('logs out from 我的 (the profile page)', async () => {
    const { page } = phone
    await go(page, server.baseUrl, '/membership/pages/profile/index', (p) => p.getByText('我的数据 ›'))
    await visible(page).getByRole('button', { name: '退出登录' }).click()
    await page.getByPlaceholder('请输入手机号').waitFor()
  })
})
