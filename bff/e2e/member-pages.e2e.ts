import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { acceptTerms, expectNoHorizontalOverflow, screenshot, settle } from './support/browser'
import { completeOrder, refundOrder } from './support/shop-orders'
import { useServerAndPhone } from './support/server-and-phone'

// The first named demo shopper: gold tier, four demo orders (demo-1-1 … demo-1-4), points lapsing at a year's end.
const memberPhone = '13800000001'
// Enough new orders that the four demo orders fall on the second page of 20.
const extraOrders = 21

describe('H5: a member browses tiers, histories and expiring points', () => {
  const { server, phone } = useServerAndPhone()
  beforeAll(async () => {
    for (let n = 1; n <= extraOrders; n += 1)
      await completeOrder(server.baseUrl, memberPhone, `e2e-${n}`, 1000 + n * 137)
    await refundOrder(server.baseUrl, memberPhone, 'e2e-3', 1000 + 3 * 137, 800)
  })

  async function logIn(page: Page, phoneNumber: string) {
    await page.goto(`${server.baseUrl}/#/pages/login/index`)
    await page.getByPlaceholder('请输入手机号').fill(phoneNumber)
    await acceptTerms(page)
    await page.getByText('登录', { exact: true }).click()
  }

  /** Both widths the layout must hold: the test phone's 375 px and the narrowest common phone, 320 px. */
  async function checkWidths(page: Page, name: string) {
    await expectNoOverflowInPage(page)
    await screenshotWholePage(page, name, 375)
    await page.setViewportSize({ width: 320, height: 640 })
    await page.waitForTimeout(300)
    await expectNoOverflowInPage(page)
    await screenshotWholePage(page, `${name}-320`, 320)
    await page.setViewportSize({ width: 375, height: 812 })
    await page.waitForTimeout(300)
  }

  // Taro's H5 router scrolls each page inside its own element, not the document, so the document-level
  // checks alone would miss both a wide page and everything below the first screen.
  const visiblePage = '.taro_page_show'

  async function expectNoOverflowInPage(page: Page) {
    await settle(page)
    await expectNoHorizontalOverflow(page)
    const overflow = await page
      .locator(visiblePage)
      .last()
      .evaluate((el) => el.scrollWidth - el.clientWidth)
    if (overflow > 0) throw new Error(`the page content overflows its width by ${overflow}px`)
  }

  async function screenshotWholePage(page: Page, name: string, width: number) {
    const height = await page
      .locator(visiblePage)
      .last()
      .evaluate((el) => el.scrollHeight)
    await page.setViewportSize({ width, height: Math.max(640, Math.min(height, 4000)) })
    await page.waitForTimeout(200)
    await screenshot(page, name)
  }

  /**
   * Scrolls the page holding the history rows to its end, once it has slid in: on a slow machine the rows can
   * arrive mid-transition, when the last shown page may still be the one underneath, which has no end to reach.
   */
  async function scrollToBottom(page: Page) {
    await settle(page)
    await page
      .locator('.history-row')
      .last()
      .evaluate((row) => {
        const scroller = row.closest('.taro_page')
        if (!scroller) throw new Error('the history rows are not inside a Taro page')
        scroller.scrollTo(0, scroller.scrollHeight)
      })
  }

  it('opens the tier page from home with every tier and the member marked on gold', async () => {
    const { page } = phone
    await logIn(page, memberPhone)
    await page.getByText('林小夏').waitFor()
    await checkWidths(page, '04-home-member')
    await page.getByText('查看等级权益 ›').click()

    await page.getByText('左右滑动查看全部 3 个等级').waitFor()
    const cards = page.locator('.tier-cards__card')
    await expect(cards.count()).resolves.toBe(3)
    for (const [index, name] of ['普通会员', '白银会员', '黄金会员'].entries()) {
      await expect(cards.nth(index).locator('.tier-cards__name').textContent()).resolves.toBe(name)
    }
    await expect(cards.nth(1).textContent()).resolves.toContain('成长值满 500')
    await expect(cards.nth(2).textContent()).resolves.toContain('专属客服通道，优先响应')
    const current = page.locator('.tier-cards__card--current')
    await expect(current.locator('.tier-cards__name').textContent()).resolves.toBe('黄金会员')
    await expect(current.textContent()).resolves.toContain('当前等级')
    // The scroller opens on the member's own card.
    await current.evaluate(
      (el) =>
        new Promise<void>((resolve, reject) => {
          const started = Date.now()
          const check = () => {
            const box = el.getBoundingClientRect()
            if (box.left >= 0 && box.right <= window.innerWidth) resolve()
            else if (Date.now() - started > 5000)
              reject(new Error(`current tier card is off screen at ${box.left}..${box.right}`))
            else requestAnimationFrame(check)
          }
          check()
        }),
    )
    // The member's own marker on the tier scale (home, still in the page stack, has a 我 shortcut glyph too).
    await page.locator('.tier-position__me-bubble').getByText('我', { exact: true }).waitFor()
    await expect(page.locator('.tier-retain__headline-text').textContent()).resolves.toMatch(
      /^黄金会员有效期至 \d{4}年\d{1,2}月\d{1,2}日$/,
    )
    await page
      .locator('.tier-retain')
      .getByText(/前再获得 [\d,]+ 成长值即可保持黄金会员$/)
      .waitFor()
    await checkWidths(page, '05-tiers')
  })

  it('pages through the growth history by scrolling, newest first, down to the demo orders', async () => {
    const { page } = phone
    await page.goBack()
    // Taro's H5 router re-binds its one page-scroll listener to home only when the tier page has finished
    // sliding out; a page opened before then loses its reach-bottom events to home's (left as a known gap: the
    // footer's 上拉加载更多 still loads on a tap). A shopper's tap lands well after the slide.
    await page.locator('.tier-cards').waitFor({ state: 'detached' })
    await settle(page)
    await page.locator('.tier-card__growth-link').click()
    // issue 16: rows name the shop and what was paid, never the order id.
    await page
      .getByText(`· 实付 ¥${((1000 + extraOrders * 137) / 100).toFixed(2)}`)
      .first()
      .waitFor()
    const rows = page.locator('.history-row')
    await expect(rows.count()).resolves.toBe(20)
    // A partial refund shows as a grey deduction.
    await expect(page.locator('.history-row--out').count()).resolves.toBeGreaterThan(0)
    await expect(page.getByText('· 实付 ¥680.00').count()).resolves.toBe(0)

    await scrollToBottom(page)
    await page.getByText('· 实付 ¥680.00').waitFor()
    await expect(page.getByText(/demo-1-|e2e-/).count()).resolves.toBe(0)
    await page.getByText('没有更多了').waitFor()
    // The e2e orders, one refund, the four demo orders and the first-order task that demo-1-1 earned, posted
    // just before it: the oldest row, 100 growth, then demo-1-1's 680 on top of it.
    await expect(rows.count()).resolves.toBe(extraOrders + 1 + 4 + 1)
    const oldest = page.locator('.history-row').last()
    await expect(oldest.locator('.history-row__reason').textContent()).resolves.toBe('首单奖励')
    await expect(oldest.locator('.history-row__amount').textContent()).resolves.toBe('+100')
    await expect(oldest.locator('.history-row__balance').textContent()).resolves.toBe('成长值 100')
    const demoFirst = page.locator('.history-row').nth(-2)
    await expect(demoFirst.locator('.history-row__amount').textContent()).resolves.toBe('+680')
    await expect(demoFirst.locator('.history-row__balance').textContent()).resolves.toBe('成长值 780')
    await expect(oldest.locator('.history-row__time').textContent()).resolves.toMatch(
      /^\d{4}-\d{2}-\d{2} \d{2}:\d{2} · 线上订单$/,
    )
    await checkWidths(page, '06-growth-history')
  })

  it('switches to the points history with balances after each entry', async () => {
    const { page } = phone
    await page.getByRole('tab', { name: '积分' }).click()
    await page.locator('.history-summary--points').waitFor()
    await page.locator('.history-row').first().waitFor()
    await expect(page.locator('.history-row').first().locator('.history-row__balance').textContent()).resolves.toMatch(
      /^余额 [\d,]+$/,
    )
    await checkWidths(page, '07-points-history')
  })

  it('opens the expiring points from the points card, grouped by the day they lapse', async () => {
    const { page } = phone
    const token = await page.evaluate(() => {
      const raw = localStorage.getItem('mc.session')
      const stored = raw ? JSON.parse(raw) : null
      // Taro keeps storage values wrapped as { data }.
      return (stored?.data ?? stored)?.token as string
    })
    const expected = (await (
      await fetch(`${server.baseUrl}/api/me/points/expiring`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { total: number }
    expect(expected.total).toBeGreaterThan(0)

    await page.goto(`${server.baseUrl}/#/pages/home/index`)
    await page.locator('.home-stats__expiring').click()
    await page.locator('.expiring__summary').waitFor()
    await expect(page.locator('.expiring__total').textContent()).resolves.toBe(expected.total.toLocaleString('en-US'))
    const line = page.locator('.expiring-list__text').first()
    await expect(line.textContent()).resolves.toMatch(/^\d{4}年12月31日 过期 [\d,]+ 积分$/)
    await page.getByText('积分按自然年度清零：每年获得的积分有效期至次年12月31日，到期未使用将自动失效。').waitFor()
    await checkWidths(page, '08-expiring')
  })

  it('shows a new member empty histories and no expiring points, and recovers from a failed load', async () => {
    const { page } = phone
    await page.goto(`${server.baseUrl}/#/membership/pages/profile/index`)
    await page.getByRole('button', { name: '退出登录' }).click()
    await page.getByPlaceholder('请输入手机号').waitFor()
    await logIn(page, '13912340000')
    await page.getByText('立即开通会员').click()
    await page.getByText('再得 500 成长值升级白银会员').waitFor()

    await page.route('**/api/me/growth*', (route) => route.abort())
    await page.locator('.tier-card__growth-link').click()
    await page.getByText('加载失败').waitFor()
    await settle(page)
    await screenshot(page, '09-history-error')
    await page.unroute('**/api/me/growth*')
    await page.getByRole('button', { name: '重试' }).click()
    await page.getByText('暂无记录').waitFor()
    await checkWidths(page, '10-history-empty')

    await page.goto(`${server.baseUrl}/#/pages/home/index`)
    await page.getByText('30 天内没有积分过期').click()
    await page.getByText('近期没有即将过期的积分').waitFor()
    await checkWidths(page, '11-expiring-empty')

    await page.goto(`${server.baseUrl}/#/pages/home/index`)
    await page.getByText('查看等级权益 ›').click()
    await page.getByText('普通会员长期有效').waitFor()
    await checkWidths(page, '12-tiers-entry')
  })
})
