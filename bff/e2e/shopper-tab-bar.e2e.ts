import { describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { expectNoHorizontalOverflow, loginAndJoin, screenshot, settle, waitForPage } from './support/browser'
import { completeOrder } from './support/shop-orders'
import { useServerAndPhone } from './support/server-and-phone'

const shopper = '13912347161'

/** The page Taro's H5 router shows now (hidden pages stay in the document). */
const visible = (page: Page) => page.locator('.taro_page:visible')

const tabs = { home: '首页', mall: '积分商城', me: '我的' } as const
type Tab = keyof typeof tabs

/** What each tab's page shows once its data is there. */
const loaded: Record<Tab, (p: Locator) => Locator> = {
  home: (p) => p.locator('.tier-card'),
  mall: (p) => p.getByTestId('mall-balance'),
  me: (p) => p.getByText('退出登录'),
}

/**
 * The bar is on the page, fixed to the bottom of the phone, with `tab` alone marked; scrolled to the end, the
 * page's last row ends above the bar; nothing is wider than the phone.
 */
async function expectBar(page: Page, tab: Tab) {
  const bar = visible(page).getByTestId('tab-bar')
  await bar.waitFor()
  for (const key of Object.keys(tabs) as Tab[]) {
    const item = bar.getByTestId(`tab-${key}`)
    await expect(item.innerText()).resolves.toBe(tabs[key])
    await expect(item.getAttribute('aria-current')).resolves.toBe(key === tab ? 'page' : null)
    await expect(item.locator('.mc-icon').count()).resolves.toBe(1)
  }
  const layout = await visible(page).evaluate((shown) => {
    // Taro's H5 page scrolls inside its own element; the window scrolls too when the page is taller.
    shown.scrollTop = shown.scrollHeight
    window.scrollTo(0, document.documentElement.scrollHeight)
    const barBox = shown.querySelector('.tab-bar')?.getBoundingClientRect()
    const last = shown.querySelector('.tab-bar__spacer')?.previousElementSibling?.getBoundingClientRect()
    return { barTop: barBox?.top, barBottom: barBox?.bottom, lastBottom: last?.bottom, height: window.innerHeight }
  })
  expect(layout.barBottom).toBeCloseTo(layout.height, 0)
  expect(layout.lastBottom).toBeDefined()
  expect(layout.lastBottom as number).toBeLessThanOrEqual(layout.barTop as number)
  await expectNoHorizontalOverflow(page)
}

async function openTab(page: Page, tab: Tab) {
  await visible(page).getByTestId(`tab-${tab}`).click()
  await waitForPage(page, loaded[tab](visible(page)))
}

describe('H5: the shopper bottom tab bar (首页 / 积分商城 / 我的)', () => {
  const { server, phone } = useServerAndPhone()

  it('is on home, the mall and 我的, switches between them without piling up history, at 375 and 320 px', async () => {
    const { page } = phone
    await loginAndJoin(page, server.baseUrl, shopper)
    // Enough growth for a grouped goal on the card: 再得 1,xxx 成长值升级黄金会员.
    await completeOrder(server.baseUrl, shopper, 'tab-bar-silver', 60_000)
    await page.reload()
    await waitForPage(page, loaded.home(visible(page)))
    await visible(page)
      .getByText(/^再得 \d,\d{3} 成长值升级黄金会员$/)
      .waitFor()
    const entries = await page.evaluate(() => history.length)

    for (const width of [375, 320]) {
      await page.setViewportSize({ width, height: 812 })
      for (const tab of ['mall', 'me', 'home'] as const) {
        await openTab(page, tab)
        await expectBar(page, tab)
        // Prices are counts too: the gold gift box costs 1,500 积分, not 1500.
        if (tab === 'mall') await visible(page).locator('.item-card__points').getByText('1,500').waitFor()
        await screenshot(page, `tab-bar-${tab}-${width}`)
      }
    }
    // Six switches and the browser's history is as long as before: Back leaves the app's tabs, not walks them.
    await expect(page.evaluate(() => history.length)).resolves.toBe(entries)
    await page.setViewportSize({ width: 375, height: 812 })
  })

  it('goes back to home under a mall opened from its shortcut, instead of stacking a second home', async () => {
    const { page } = phone
    await page.goto(`${server.baseUrl}/#/pages/home/index`)
    await page.reload()
    await waitForPage(page, loaded.home(visible(page)))
    await visible(page).locator('.shortcuts__item').filter({ hasText: '积分商城' }).click()
    await waitForPage(page, loaded.mall(visible(page)))
    await expectBar(page, 'mall')
    await openTab(page, 'home')
    // Back to the same home page: Taro keeps exactly one page in the document.
    await expect(page.locator('.taro_page').count()).resolves.toBe(1)
    await expectBar(page, 'home')
  })

  it('keeps a history row date whole at 320 px', async () => {
    const { page } = phone
    await page.setViewportSize({ width: 320, height: 812 })
    await page.goto(`${server.baseUrl}/#/points/pages/history/index?type=growth`)
    await page.reload()
    const dates = visible(page).locator('.history-row__date')
    await waitForPage(page, dates.first())
    for (const date of await dates.all()) {
      await expect(date.innerText()).resolves.toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/)
      const box = await date.evaluate((el) => ({
        height: el.getBoundingClientRect().height,
        line: Number.parseFloat(getComputedStyle(el.parentElement as Element).lineHeight),
      }))
      expect(box.height).toBeLessThan(box.line * 1.5)
    }
    // Nothing in a row's date line runs past its column into the amount and balance beside it.
    for (const line of await visible(page).locator('.history-row__time').all())
      await expect(line.evaluate((el) => el.scrollWidth - el.clientWidth)).resolves.toBeLessThanOrEqual(0)
    await expectNoHorizontalOverflow(page)
    await screenshot(page, 'tab-bar-history-dates-320')
    await page.setViewportSize({ width: 375, height: 812 })
  })

  it('offers a way home beside 重试 when a page opened from a link keeps failing', async () => {
    const { page } = phone
    await page.route('**/api/me/tasks', (route) =>
      route.fulfill({ status: 503, json: { error: { code: 'UNAVAILABLE', message: '服务暂不可用，请稍后再试' } } }),
    )
    await page.goto(`${server.baseUrl}/#/tasks/pages/list/index`)
    await page.reload()
    await waitForPage(page, visible(page).getByText('加载失败'))
    await visible(page).getByRole('button', { name: '重试' }).waitFor()
    await screenshot(page, 'tab-bar-error-way-home')
    await page.unroute('**/api/me/tasks')
    await visible(page).getByRole('button', { name: '返回首页' }).click()
    await waitForPage(page, loaded.home(visible(page)))
    await settle(page)
  })
})
