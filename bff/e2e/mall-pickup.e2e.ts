import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { apiCaller } from './support/api'
import { acceptTerms, expectNoHorizontalOverflow, loginAndJoin, screenshot } from './support/browser'
import { e2eClock } from './support/e2e-clock'
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
    await page.getByText('积分商城', { exact: true }).first().waitFor()
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
    // Redeemed on 2026-11-18 (the e2e clock): the item's 30-day window runs to the end of 2026-12-18.
    await expect(shown(page, 'pickup-deadline').textContent()).resolves.toBe('请于 2026年12月18日 前到店自提')
    const row = await server.db
      .selectFrom('mall_redemptions')
      .select(['pickup_outlet_id', 'pickup_code', 'pickup_last_day'])
      .where('member_id', '=', memberId)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ pickup_outlet_id: 'outlet_jingan', pickup_code: pickupCode, pickup_last_day: '2026-12-18' })
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

  it('my redemptions shows the last day to collect on the uncollected pickup', async () => {
    await page.goto(`${server.baseUrl}/#/mall/pages/redemptions/index`)
    await page.reload()
    const { id } = await server.db
      .selectFrom('mall_redemptions')
      .select('id')
      .where('pickup_code', '=', pickupCode)
      .executeTakeFirstOrThrow()
    const line = shown(page, `redemption-deadline-${id}`)
    await expect(line.textContent()).resolves.toBe('请于 2026年12月18日 前到店自提')
    await screenshot(page, 'mall-pickup-04-list-deadline')
    await expectNoHorizontalOverflow(page)
    await page.setViewportSize(narrow)
    await expectNoHorizontalOverflow(page)
    await screenshot(page, 'mall-pickup-04-list-deadline-320')
    await page.setViewportSize(phoneSize)
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

  it('after the deadline the code page says so and whom to call, and the till refuses the code', async () => {
    // The till above shared this browser's storage: log the shopper in afresh, then a second pickup at 静安嘉里店
    // (the limit is two) through the same checkout.
    await page.evaluate(() => window.localStorage.clear())
    await page.goto(`${server.baseUrl}/#/pages/login/index`)
    await page.reload()
    await page.getByPlaceholder('请输入手机号').fill(phoneNo)
    await acceptTerms(page)
    await page.getByText('登录', { exact: true }).click()
    await page.getByText('积分商城', { exact: true }).first().waitFor()
    await page.goto(`${server.baseUrl}/#/mall/pages/checkout/index?id=${await itemId('品牌帆布袋')}`)
    await page.reload()
    await shown(page, 'pickup-chosen').getByText('静安嘉里店').waitFor()
    await shown(page, 'checkout-confirm').click()
    const code = shown(page, 'pickup-code')
    await code.waitFor({ timeout: 30_000 })
    const lateCode = (await code.getAttribute('data-code')) ?? ''
    expect(lateCode).toMatch(/^\d{10}$/)
    // Its window shortened to end a minute from now (the BFF specs cover the 30-day arithmetic), then two pass:
    // the shopper's session and the staff login stay valid, as they would not over 30 days of clock.
    await server.db
      .updateTable('mall_redemptions')
      .set({
        pickup_deadline: new Date(e2eClock.now().getTime() + 60_000).toISOString(),
        pickup_last_day: '2026-11-18',
      })
      .where('pickup_code', '=', lateCode)
      .execute()
    await phone.advanceTime(2 * 60_000)
    await page.reload()
    await expect.poll(() => shown(page, 'pickup-deadline').textContent()).toBe('已超过自提期限')
    await expect(shown(page, 'redemption-status').textContent()).resolves.toBe('已过期未领取')
    await page.getByText('取货码已失效，请联系下方门店处理').waitFor()
    // The store to call is right below, with its phone.
    await shown(page, 'pickup-outlet').getByText('电话 021-6288 0202').waitFor()
    await shown(page, 'pickup-call').getByText('拨打电话').waitFor()
    await screenshot(page, 'mall-pickup-06-expired')
    await expectNoHorizontalOverflow(page)
    await page.setViewportSize(narrow)
    await expectNoHorizontalOverflow(page)
    await screenshot(page, 'mall-pickup-06-expired-320')
    await page.setViewportSize(phoneSize)
    const { id: lateId } = await server.db
      .selectFrom('mall_redemptions')
      .select('id')
      .where('pickup_code', '=', lateCode)
      .executeTakeFirstOrThrow()
    await page.goto(`${server.baseUrl}/#/mall/pages/redemptions/index`)
    await page.reload()
    await expect.poll(() => shown(page, `redemption-deadline-${lateId}`).textContent()).toBe('已超过自提期限')
    await shown(page, `redemption-row-${lateId}`).getByText('已过期未领取').waitFor()
    await screenshot(page, 'mall-pickup-06-expired-list')
    await expectNoHorizontalOverflow(page)

    const till = await phone.context.newPage()
    await till.goto(`${server.baseUrl}/#/staff/pages/login/index`)
    await till.evaluate(() => window.localStorage.clear())
    await till.reload()
    await till.getByPlaceholder('店员手机号').fill('13700001672')
    await till.getByPlaceholder('6 位数字密码').fill(staffPin)
    await till.getByText('登录收银台').click()
    await till.getByTestId('staff-pickup-link').click()
    await till.getByTestId('pickup-input').fill(lateCode)
    await till.getByTestId('pickup-submit').click()
    await expect
      .poll(() => till.getByTestId('pickup-error').textContent())
      .toContain('该订单的自提期限至 2026年11月18日，已过期，不能核销，请引导会员联系商家处理')
    await screenshot(till, 'mall-pickup-07-staff-expired')
    await till.close()
    const untouched = await server.db
      .selectFrom('mall_redemptions')
      .select(['status', 'picked_up_at'])
      .where('pickup_code', '=', lateCode)
      .executeTakeFirstOrThrow()
    expect(untouched).toEqual({ status: 'completed', picked_up_at: null })
  }, 90_000)
})
