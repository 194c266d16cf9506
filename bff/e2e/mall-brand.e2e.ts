import type { Locator, Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { apiCaller } from './support/api'
import { expectNoHorizontalOverflow, loginAndJoin, screenshot, settle } from './support/browser'
import { expectReadable, holdRequest } from './support/button-contrast'
import { e2eAdminToken } from './support/h5-server'
import { memberIdByPhone, useServerAndPhone } from './support/server-and-phone'
import { tierPalette } from '../../miniapp/src/membership/tier-display'

const phoneNo = '13900001661'
const narrow = { width: 320, height: 812 }
const phoneSize = { width: 375, height: 812 }

/** The checkout item card's geometry: where the cover and the title sit, relative to the card. */
async function cardLayout(card: Locator) {
  return card.evaluate((el) => {
    const box = el.getBoundingClientRect()
    const cover = el.querySelector('.item-cover')!.getBoundingClientRect()
    const title = el.querySelector('.checkout-item__title')!.getBoundingClientRect()
    return {
      direction: getComputedStyle(el).flexDirection,
      height: Math.round(box.height),
      titleLeftOfCover: Math.round(title.left - cover.right),
      titleTop: Math.round(title.top - box.top),
    }
  })
}

/** Opens an in-app route by its hash, without reloading, as a tap would: stylesheets loaded so far stay. */
async function openInApp(page: Page, route: string) {
  await page.evaluate((hash) => {
    window.location.hash = hash
  }, `#${route}`)
  await settle(page)
}

describe('H5: the points mall as a brand ships it (issue 16)', () => {
  const { server, phone } = useServerAndPhone()
  let page: Page
  let memberId: string
  const api = apiCaller(() => server.baseUrl)
  const itemId = async (title: string) =>
    (await server.db.selectFrom('mall_items').select('id').where('title', '=', title).executeTakeFirstOrThrow()).id
  const credit = async (amount: number, key: string) => {
    const answer = await api(
      'POST',
      `/api/admin/members/${memberId}/adjustments`,
      e2eAdminToken,
      { ledger: 'points', amount, reason: '活动赠送积分' },
      { 'idempotency-key': key },
    )
    expect(answer.status).toBe(201)
  }
  const redemptionOf = async (title: string) =>
    (
      await server.db
        .selectFrom('mall_redemptions')
        .select('id')
        .where('member_id', '=', memberId)
        .where('item_id', '=', await itemId(title))
        .executeTakeFirstOrThrow()
    ).id

  beforeAll(async () => {
    page = phone.page
    await loginAndJoin(page, server.baseUrl, phoneNo)
    await page.locator('.shortcuts').getByText('积分商城', { exact: true }).waitFor()
    memberId = await memberIdByPhone(server, phoneNo)
  })

  it('shows the drawn product pictures in the list, lazy-loaded and filling the grid tile', async () => {
    await credit(505, 'e2e-brand-points-1')
    await page.locator('.shortcuts').getByText('积分商城', { exact: true }).click()
    const bag = page.getByTestId(`mall-item-${await itemId('品牌帆布袋')}`)
    await bag.waitFor()
    const image = bag.locator('.item-cover__image img, img.item-cover__image').first()
    await expect
      .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBeGreaterThan(0)
    expect(await image.getAttribute('src')).toContain('/demo/mall/canvas-bag.svg')
    const [tile, picture] = await Promise.all([bag.boundingBox(), image.boundingBox()])
    expect(Math.round(picture!.width)).toBe(Math.round(tile!.width))
    await screenshot(page, 'mall-brand-01-list-pictures')
    await page.setViewportSize(narrow)
    await expectNoHorizontalOverflow(page)
    await screenshot(page, 'mall-brand-01-list-pictures-320')
    await page.setViewportSize(phoneSize)
  })

  it('says how many points are missing at checkout, with a way to earn them, and a readable grey button', async () => {
    await page.goto(`${server.baseUrl}/#/mall/pages/checkout/index?id=${await itemId('不锈钢保温杯')}`)
    await page.reload()
    const after = page.getByTestId('checkout-points-after')
    await expect.poll(() => after.textContent()).toBe('还差 295 积分')
    await expect.poll(() => page.locator('body').innerText()).not.toContain('-295')
    await page.getByText('去签到赚积分 ›').waitFor()
    await expectReadable(page.getByTestId('checkout-confirm'), 'checkout confirm, not redeemable')
    await screenshot(page, 'mall-brand-02-checkout-short')
    await page.setViewportSize(narrow)
    await expectNoHorizontalOverflow(page)
    await screenshot(page, 'mall-brand-02-checkout-short-320')
    await page.setViewportSize(phoneSize)
  })

  it('the local cashier says it is a demo payment, and once paid shows the paid state and the way on', async () => {
    await credit(2000, 'e2e-brand-points-2')
    await page.goto(`${server.baseUrl}/#/mall/pages/checkout/index?id=${await itemId('精品咖啡豆 250g')}`)
    await page.reload()
    // A pickup item: this shopper joined from the shop, so no store is preselected yet.
    await page.locator('[data-testid="pickup-outlet-outlet_xuhui"]:visible').click()
    await page.getByTestId('checkout-confirm').click()
    await page.getByTestId('pay-confirm').waitFor()
    const cashier = page.locator('.cashier:visible')
    await expect.poll(() => cashier.innerText()).toContain('本地模拟支付')
    expect(await cashier.innerText()).toContain('不会产生真实扣款')
    await screenshot(page, 'mall-brand-03-local-cashier')
    const held = await holdRequest(page, '**/local-pay')
    await page.getByTestId('pay-confirm').click()
    await held.arrived()
    await expectReadable(page.getByTestId('pay-confirm'), 'pay confirm, paying')
    await expectReadable(page.getByTestId('pay-cancel'), 'pay cancel, disabled while paying')
    await held.release()
    await page.getByTestId('pickup-code').waitFor({ timeout: 30_000 })
    // The cashier of the paid order, as a stale tab or the back button shows it.
    await page.goto(`${server.baseUrl}/#/mall/pages/pay/index?id=${await redemptionOf('精品咖啡豆 250g')}`)
    await page.reload()
    const settled = page.getByTestId('pay-settled')
    await expect.poll(() => settled.innerText()).toContain('支付成功')
    const text = await page.locator('.cashier:visible').innerText()
    expect(text).toContain('已支付 ¥9.90')
    expect(text).toContain('已使用 500 积分')
    expect(text).not.toMatch(/需支付|已冻结|确认支付|模拟支付/)
    await page.getByTestId('pay-view-redemption').waitFor()
    await page.getByTestId('pay-back-to-mall').waitFor()
    await screenshot(page, 'mall-brand-04-cashier-paid')
    await page.setViewportSize(narrow)
    await expectNoHorizontalOverflow(page)
    await screenshot(page, 'mall-brand-04-cashier-paid-320')
    await page.setViewportSize(phoneSize)
  }, 60_000)

  it('a redemption shows a readable order number, and 完成时间 only once finished', async () => {
    const id = await redemptionOf('精品咖啡豆 250g')
    await page.goto(`${server.baseUrl}/#/mall/pages/redemption/index?id=${id}`)
    await page.reload()
    const orderNo = page.getByTestId('redemption-order-no')
    await expect.poll(() => orderNo.innerText()).toMatch(/兑换单号\s*\d{4} \d{4} \d{4} \d$/)
    const body = await page.locator('.taro_page:visible').innerText()
    expect(body).not.toContain('rdm_')
    expect(body).toContain('支付时间')
    // Paid but not collected yet: nothing is finished.
    expect(body).not.toContain('完成时间')
  })

  it('the checkout card keeps its layout after the pay and redemption pages were visited', async () => {
    const bag = await itemId('品牌帆布袋')
    await page.goto(`${server.baseUrl}/#/mall/pages/checkout/index?id=${bag}`)
    await page.reload()
    const card = () => page.locator('[data-testid="checkout-item"]:visible')
    await card().waitFor()
    const fresh = await cardLayout(card())
    expect(fresh.direction).toBe('row')
    expect(fresh.titleLeftOfCover).toBeGreaterThan(0)
    const coffee = await redemptionOf('精品咖啡豆 250g')
    await openInApp(page, `/mall/pages/pay/index?id=${coffee}`)
    await page.getByTestId('pay-settled').waitFor()
    await openInApp(page, `/mall/pages/redemption/index?id=${coffee}`)
    await page.locator('[data-testid="redemption-order-no"]:visible').waitFor()
    await openInApp(page, `/mall/pages/checkout/index?id=${bag}`)
    await card().waitFor()
    expect(await cardLayout(card())).toEqual(fresh)
    await screenshot(page, 'mall-brand-05-checkout-after-visits')
  })

  it('at 320 px a long recipient name wraps and the phone number stays whole on screen', async () => {
    await page.goto(`${server.baseUrl}/#/mall/pages/checkout/index?id=${await itemId('不锈钢保温杯')}`)
    await page.reload()
    await page.getByPlaceholder('收货人姓名').fill('欧阳司马诸葛上官慕容皇甫长孙宇文尉迟')
    await page.getByPlaceholder('11 位手机号').fill('13912340009')
    await page.getByPlaceholder('省市区、街道、门牌号').fill('上海市徐汇区漕溪北路 88 号 12 楼')
    await page.getByTestId('checkout-confirm').click()
    await page.getByTestId('pay-confirm').click()
    await page.locator('[data-testid="recipient-phone"]:visible').waitFor({ timeout: 30_000 })
    await page.setViewportSize(narrow)
    await settle(page)
    const phoneText = page.locator('[data-testid="recipient-phone"]:visible')
    const box = (await phoneText.boundingBox())!
    expect(box.x).toBeGreaterThanOrEqual(0)
    expect(box.x + box.width).toBeLessThanOrEqual(narrow.width)
    expect(await phoneText.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true)
    expect(await phoneText.innerText()).toBe('13912340009')
    await expectNoHorizontalOverflow(page)
    await screenshot(page, 'mall-brand-06-long-recipient-320')
    await page.setViewportSize(phoneSize)
    await screenshot(page, 'mall-brand-06-long-recipient')
  }, 60_000)

  it('the cancel dialog keeps its confirm label readable while it cancels', async () => {
    await page.goto(`${server.baseUrl}/#/mall/pages/checkout/index?id=${await itemId('精品咖啡豆 250g')}`)
    await page.reload()
    // The store of the last pickup comes preselected.
    await page.locator('[data-testid="pickup-chosen"]:visible').getByText('徐汇旗舰店').waitFor()
    await page.getByTestId('checkout-confirm').click()
    await page.getByTestId('pay-cancel').click()
    const confirm = page.locator('[data-testid="cancel-confirm"]:visible')
    await confirm.waitFor()
    await screenshot(page, 'mall-brand-08-cancel-dialog')
    const held = await holdRequest(page, '**/cancel')
    await confirm.click()
    await held.arrived()
    await expectReadable(confirm, 'cancel confirm, cancelling')
    await held.release()
    await expect.poll(() => page.locator('[data-testid="redemption-status"]:visible').innerText()).toBe('已取消')
  }, 60_000)

  it('a missing or foreign redemption says so and offers the way back; a network failure offers 重试', async () => {
    const missing = 'rdm_01KAAAAAAAAAAAAAAAAAAAAAAA'
    await page.goto(`${server.baseUrl}/#/mall/pages/redemption/index?id=${missing}`)
    await page.reload()
    const notFound = page.locator('[data-testid="redemption-not-found"]:visible')
    await expect.poll(() => notFound.innerText()).toContain('未找到该兑换记录')
    expect(await notFound.innerText()).not.toContain('重试')
    await page.locator('[data-testid="not-found-home"]:visible').waitFor()
    await screenshot(page, 'mall-brand-07-redemption-not-found')
    await page.setViewportSize(narrow)
    await expectNoHorizontalOverflow(page)
    await screenshot(page, 'mall-brand-07-redemption-not-found-320')
    await page.setViewportSize(phoneSize)
    await page.locator('[data-testid="not-found-redemptions"]:visible').click()
    await page.locator(`[data-testid="redemption-row-${await redemptionOf('精品咖啡豆 250g')}"]:visible`).waitFor()

    // Offline is not "not found": the page keeps its 重试.
    await page.route('**/api/me/redemptions/*', (route) => route.abort('internetdisconnected'))
    await page.goto(`${server.baseUrl}/#/mall/pages/redemption/index?id=${await redemptionOf('精品咖啡豆 250g')}`)
    await page.reload()
    const failed = page.locator('.state-panel:visible')
    await failed.getByRole('button', { name: '重试' }).waitFor()
    // Opened straight from a link on H5 (no navigation bar): the failure also offers the way home.
    await failed.getByRole('button', { name: '返回首页' }).waitFor()
    expect(await page.locator('[data-testid="redemption-not-found"]:visible').count()).toBe(0)
    await page.unroute('**/api/me/redemptions/*')
  })

  it("colours each item's tier tag as its tier, from the one tier palette", async () => {
    const created = await api('POST', '/api/admin/mall/items', e2eAdminToken, {
      title: '白银专享徽章',
      pointsPrice: 100,
      stock: 5,
      fulfilment: 'pickup',
      minTierKey: 'silver',
    })
    expect(created.status).toBe(201)
    const program = await server.db
      .selectFrom('program_versions')
      .select('rules')
      .orderBy('version', 'desc')
      .executeTakeFirstOrThrow()
    const colors = Object.fromEntries(
      (JSON.parse(program.rules).tiers as { key: string; color: string }[]).map((tier) => [tier.key, tier.color]),
    )
    await page.goto(`${server.baseUrl}/#/mall/pages/list/index`)
    await page.reload()
    const tagOf = async (title: string) => {
      const tag = page.locator(`[data-testid="mall-item-${await itemId(title)}"]:visible [data-testid="item-tier-tag"]`)
      await tag.waitFor()
      return tag.evaluate((el) => ({
        background: getComputedStyle(el).backgroundColor,
        color: getComputedStyle(el).color,
      }))
    }
    const gold = await tagOf('黄金会员专享礼盒')
    const silver = await tagOf('白银专享徽章')
    const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`
    expect(gold).toEqual({
      background: rgb(tierPalette(colors.gold).badgeBackground),
      color: rgb(tierPalette(colors.gold).badgeText),
    })
    expect(silver).toEqual({
      background: rgb(tierPalette(colors.silver).badgeBackground),
      color: rgb(tierPalette(colors.silver).badgeText),
    })
    expect(silver.background).not.toBe(gold.background)
    await screenshot(page, 'mall-brand-08-tier-tags')
  })
})
