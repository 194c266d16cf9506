import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { apiCaller } from './support/api'
import { expectNoHorizontalOverflow, loginAndJoin, screenshot } from './support/browser'
import { e2eAdminToken } from './support/h5-server'
import { memberIdByPhone, useServerAndPhone } from './support/server-and-phone'

const phoneNo = '13900001671'
const narrow = { width: 320, height: 812 }
const phoneSize = { width: 375, height: 812 }
const staffPin = '246137'

/** What is on screen now: Taro's H5 keeps earlier pages in the DOM, hidden. */
const shown = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"]:visible`)

describe('H5: pickup at the store the shopper chooses at checkout (issue 16)', () => {
  const { server, phone } = useServerAndPhone()
  let page: Page
  let memberId: string
  let pickupCode: string
  const api = apiCaller(() => server.baseUrl)
  const itemId = async (title: string) =>
    (await server.db.selectFrom('mall_items').select('id').where('title', '=', title).executeTakeFirstOrThrow()).id

  beforeAll(() => {
    page = phone.page
  })

  it('lists the stores with address, hours and phone, none preselected for a shopper who joined online', async () => {
    await loginAndJoin(page, server.baseUrl, phoneNo)
    await page.getByText('积分商城', { exact: true }).waitFor()
    memberId = await memberIdByPhone(server, phoneNo)
    const credited = await api(
      'POST',
      `/api/admin/members/${memberId}/adjustments`,
      e2eAdminToken,
      { ledger: 'points', amount: 1000, reason: '活动赠送积分' },
      { 'idempotency-key': 'e2e-pickup-points-1' },
    )
    expect(credited.status).toBe(201)
    await page.goto(`${server.baseUrl}/#/mall/pages/checkout/index?id=${await itemId('品牌帆布袋')}`)
    await page.reload()
    const picker = shown(page, 'pickup-picker')
    await picker.getByText('请选择领取商品的门店').waitFor()
    const xuhui = shown(page, 'pickup-outlet-outlet_xuhui')
    const jingan = shown(page, 'pickup-outlet-outlet_jingan')
    await xuhui.getByText('上海市徐汇区漕溪北路 88 号 1 层 L112').waitFor()
    await jingan.getByText('每日 10:00–22:00').waitFor()
    await jingan.getByText('电话 021-6288 0202').waitFor()
    expect(await page.locator('[role="radio"][aria-checked="true"]:visible').count()).toBe(0)
    // Confirming without a store asks for one and sends nothing.
    await shown(page, 'checkout-confirm').click()
    await page.getByText('请选择自提门店').waitFor()
    const placed = server.db.selectFrom('mall_redemptions').select('id').where('member_id', '=', memberId)
    expect(await placed.execute()).toHaveLength(0)
    await screenshot(page, 'mall-pickup-01-picker')
    await expectNoHorizontalOverflow(page)
    await page.setViewportSize(narrow)
    await expectNoHorizontalOverflow(page)
    await screenshot(page, 'mall-pickup-01-picker-320')
    await page.setViewportSize(phoneSize)
  }, 60_000)

  it('chooses 静安嘉里店, redeems, and the detail page shows the store with call and copy and the code', async () => {
    await shown(page, 'pickup-outlet-outlet_jingan').click()
    const chosen = shown(page, 'pickup-chosen')
    await chosen.getByText('静安嘉里店').waitFor()
    await chosen.getByText('上海市静安区南京西路 1515 号嘉里中心 B1 层 B128').waitFor()
    await shown(page, 'pickup-change').waitFor()
    await screenshot(page, 'mall-pickup-02-checkout-chosen')
    await expectNoHorizontalOverflow(page)
    await page.setViewportSize(narrow)
    await expectNoHorizontalOverflow(page)
    await screenshot(page, 'mall-pickup-02-checkout-chosen-320')
    await page.setViewportSize(phoneSize)

    await shown(page, 'checkout-confirm').click()
    const code = shown(page, 'pickup-code')
    await code.waitFor({ timeout: 30_000 })
    pickupCode = (await code.getAttribute('data-code')) ?? ''
    expect(pickupCode).toMatch(/^\d{10}$/)
    const card = shown(page, 'pickup-outlet')
    await card.getByText('静安嘉里店').waitFor()
    await card.getByText('上海市静安区南京西路 1515 号嘉里中心 B1 层 B128').waitFor()
    await card.getByText('每日 10:00–22:00').waitFor()
    await shown(page, 'pickup-call').getByText('拨打电话').waitFor()
    await shown(page, 'pickup-copy-address').getByText('复制地址').waitFor()
    const row = await server.db
      .selectFrom('mall_redemptions')
      .select(['pickup_outlet_id', 'pickup_code'])
      .where('member_id', '=', memberId)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ pickup_outlet_id: 'outlet_jingan', pickup_code: pickupCode })
    await screenshot(page, 'mall-pickup-03-detail')
    await expectNoHorizontalOverflow(page)
    await page.setViewportSize(narrow)
    await expectNoHorizontalOverflow(page)
    await screenshot(page, 'mall-pickup-03-detail-320')
    await page.setViewportSize(phoneSize)
  }, 60_000)

  it('the next checkout preselects the store last chosen', async () => {
    await page.goto(`${server.baseUrl}/#/mall/pages/checkout/index?id=${await itemId('品牌帆布袋')}`)
    await page.reload()
    await shown(page, 'pickup-chosen').getByText('静安嘉里店').waitFor()
    await shown(page, 'pickup-change').click()
    await shown(page, 'pickup-outlet-outlet_jingan').and(page.locator('[aria-checked="true"]')).waitFor()
    await screenshot(page, 'mall-pickup-04-change')
    await expectNoHorizontalOverflow(page)
  })

  it("another store's till is told where the order is picked up; the chosen store hands it over", async () => {
    for (const [outletId, staffPhone] of [
      ['outlet_xuhui', '13700001671'],
      ['outlet_jingan', '13700001672'],
    ]) {
      const created = await api('POST', '/api/admin/staff', e2eAdminToken, {
        name: '店员',
        phone: staffPhone,
        outletId,
        pin: staffPin,
      })
      expect(created.status).toBe(201)
    }
    const till = await phone.context.newPage()
    const logIn = async (staffPhone: string) => {
      await till.goto(`${server.baseUrl}/#/staff/pages/login/index`)
      await till.reload()
      await till.getByPlaceholder('店员手机号').fill(staffPhone)
      await till.getByPlaceholder('6 位数字密码').fill(staffPin)
      await till.getByText('登录收银台').click()
      await till.getByTestId('staff-pickup-link').click()
      await till.getByTestId('pickup-input').fill(pickupCode)
      await till.getByTestId('pickup-submit').click()
    }
    await logIn('13700001671')
    await expect.poll(() => till.getByTestId('pickup-error').textContent()).toContain('静安嘉里店')
    await screenshot(till, 'mall-pickup-05-staff-wrong-store')
    const untouched = await server.db
      .selectFrom('mall_redemptions')
      .select('picked_up_at')
      .where('pickup_code', '=', pickupCode)
      .executeTakeFirstOrThrow()
    expect(untouched.picked_up_at).toBeNull()
    await till.evaluate(() => window.localStorage.clear())
    await logIn('13700001672')
    await till.getByTestId('pickup-result').getByText('品牌帆布袋').waitFor()
    await till.close()
  }, 90_000)
})
