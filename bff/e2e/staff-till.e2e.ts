import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiCaller } from './support/api'
import { expectNoHorizontalOverflow, openPhone, screenshot, type Phone } from './support/browser'
import { e2eAdminToken, startH5Server } from './support/h5-server'
import {
  expectConsoleFits,
  loginAsOwner,
  merchantLoginPath,
  merchantViewports,
  openConsoleSection,
  screenshotConsole,
  useServerAndConsole,
} from './support/merchant'
import type { H5Server } from './support/server-and-phone'
import { completeOrder } from './support/shop-orders'

/**
 * A silver member (member price 95 折) with this month's two 满50减5 coupons, and their member code: joined with the
 * local login, upgraded by a real ¥600 order, the pack claimed through the member API.
 */
async function silverMemberWithCoupons(api: ReturnType<typeof apiCaller>, baseUrl: string, phone: string) {
  const login = await api('POST', '/api/auth/local', null, { phone })
  const token = login.body.token as string
  await api('POST', '/api/members/join', token, {})
  await completeOrder(baseUrl, phone, `WEB-${phone}`, 60_000)
  const claimed = await api('POST', '/api/me/benefits/coupon_pack_monthly/claim', token, undefined)
  expect(claimed.status).toBe(201)
  const code = async () => (await api('GET', '/api/me/member-code', token)).body.code as string
  const memberId = (await api('GET', '/api/me', token)).body.member.id as string
  return { token, memberId, code, coupons: claimed.body.coupons.map((c: { code: string }) => c.code) as string[] }
}

/** A staff account at the first demo store, logged in through the API; returns its token. */
async function staffAt(api: ReturnType<typeof apiCaller>, phone: string, pin: string) {
  const outlets = await api('GET', '/api/admin/outlets', e2eAdminToken)
  const outletId = outlets.body.outlets[0].id as string
  const created = await api('POST', '/api/admin/staff', e2eAdminToken, { name: '收银员小周', phone, outletId, pin })
  expect(created.status).toBe(201)
  return { outletId, token: (await api('POST', '/api/staff/login', null, { phone, pin })).body.token as string }
}

describe('H5: benefits and limits at the staff till', () => {
  const server = {} as H5Server
  let phone: Phone
  let till: Page
  const api = apiCaller(() => server.baseUrl)
  const staffPhone = '13600000081'
  const staffPin = '258147'

  beforeAll(async () => {
    Object.assign(server, await startH5Server())
    phone = await openPhone()
    till = phone.page
    await staffAt(api, staffPhone, staffPin)
    // ¥100 a receipt, so the second purchase below waits for approval.
    const limits = { purchaseLimitFen: 10_000, dailyTotalFen: 100_000 }
    expect((await api('PUT', '/api/admin/till-settings', e2eAdminToken, limits)).status).toBe(200)
  })
  afterAll(async () => {
    await phone?.close()
    await server.close?.()
  })

  it('shows coupons and member price after a scan, applies a coupon, holds a purchase above the limit', async () => {
    const member = await silverMemberWithCoupons(api, server.baseUrl, '13900000081')
    await till.goto(`${server.baseUrl}/#/staff/pages/login/index`)
    await till.getByPlaceholder('店员手机号').fill(staffPhone)
    await till.getByPlaceholder('6 位数字密码').fill(staffPin)
    await till.getByText('登录收银台').click()
    await till.getByPlaceholder('输入会员出示的 18 位数字').fill(await member.code())
    await till.getByText('核验', { exact: true }).click()
    await till.getByTestId('till-benefits').waitFor()
    await till.getByText('会员价：会员商品 9.5 折').waitFor()
    await till.getByText('可用优惠券 2 张，点选使用：').waitFor()
    await till.getByTestId(`till-coupon-${member.coupons[0]}`).click()
    await till.getByPlaceholder('用券前金额（元）').fill('90')
    await till.getByPlaceholder('收银小票号').fill('R-TILL-0001')
    await till.getByText('优惠 ¥5.00，会员实付 ¥85.00').waitFor()
    await screenshot(till, 'staff-till-coupon')
    await expectNoHorizontalOverflow(till)
    await till.getByText('确认登记').click()
    await till.getByText('登记成功').waitFor()
    await till.getByText('已用 每月领券，优惠 ¥5.00（原价 ¥90.00）').waitFor()
    await till.getByText('+85').first().waitFor() // 1 growth per yuan paid, net of the coupon
    await screenshot(till, 'staff-till-coupon-result')
    const coupon = await server.db
      .selectFrom('coupons')
      .select(['status', 'used_order_id'])
      .where('code', '=', member.coupons[0])
      .executeTakeFirstOrThrow()
    expect(coupon.status).toBe('used')
    expect(coupon.used_order_id).toMatch(/:R-TILL-0001$/)

    // The next purchase, above the ¥100 limit: recorded, but nothing credited until approved.
    await till.getByText('下一位会员').click()
    await phone.advanceTime(31_000)
    await till.getByPlaceholder('输入会员出示的 18 位数字').fill(await member.code())
    await till.getByText('核验', { exact: true }).click()
    await till.getByTestId('till-benefits').waitFor()
    const before = await api('GET', '/api/me', member.token)
    await till.getByPlaceholder('实付金额（元）').fill('150')
    await till.getByPlaceholder('收银小票号').fill('R-TILL-0002')
    await till.getByText('确认登记').click()
    await till.getByText('已登记，待审批').waitFor()
    await till.getByTestId('till-pending').waitFor()
    expect(await till.getByText('成长值', { exact: true }).count()).toBe(0) // nothing credited yet, so no +0 shown
    await screenshot(till, 'staff-till-pending')
    await expectNoHorizontalOverflow(till)
    expect((await api('GET', '/api/me', member.token)).body.points).toEqual(before.body.points)
  })
})

describe.each(merchantViewports)('H5 console till approvals on a $name ($width×$height)', (viewport) => {
  const { server, browser } = useServerAndConsole(viewport)
  let page: Page
  const api = apiCaller(() => server.baseUrl)
  let memberToken = ''

  beforeAll(async () => {
    page = browser.page
    const staff = await staffAt(api, '13600000082', '258147')
    const member = await silverMemberWithCoupons(api, server.baseUrl, '13900000082')
    memberToken = member.token
    const limits = { purchaseLimitFen: 10_000, dailyTotalFen: 100_000 }
    expect((await api('PUT', '/api/admin/till-settings', e2eAdminToken, limits)).status).toBe(200)
    for (const [receiptNo, amountFen, couponCode] of [
      ['R-HOLD-0001', 30_000, member.coupons[0]],
      ['R-HOLD-0002', 20_000, undefined],
    ] as const) {
      await browser.advanceTime(31_000)
      const held = await api('POST', '/api/staff/purchases', staff.token, {
        code: await member.code(),
        amountFen,
        receiptNo,
        couponCode,
      })
      expect(held.body.status).toBe('pending')
    }
  })

  it('lists held purchases, approves one (credited) and refuses the other with a reason', async () => {
    await page.goto(`${server.baseUrl}${merchantLoginPath}`)
    await loginAsOwner(page, server.baseUrl)
    await openConsoleSection(page, 'till', viewport)
    await page.getByTestId('till-row-R-HOLD-0001').waitFor()
    await page.getByTestId('till-row-R-HOLD-0002').waitFor()
    await page.getByText('实付 ¥295').first().waitFor()
    await page.getByTestId('till-limits').waitFor()
    await screenshotConsole(page, 'merchant-till-approvals', viewport)
    await expectConsoleFits(page)

    const pointsBefore = (await api('GET', '/api/me', memberToken)).body.points
    await page.getByTestId('till-approve-R-HOLD-0001').click()
    await page.getByText('已批准小票 R-HOLD-0001', { exact: false }).waitFor()
    expect((await api('GET', '/api/me', memberToken)).body.points).not.toEqual(pointsBefore)

    await page.getByTestId('till-refuse-R-HOLD-0002').click()
    await page.getByPlaceholder('拒绝原因（必填，会记入操作日志）').fill('小票金额与收银系统不符')
    await screenshotConsole(page, 'merchant-till-refuse', viewport)
    await page.getByTestId('till-refuse-confirm').click()
    await page.getByText('已拒绝小票 R-HOLD-0002，不会入账').waitFor()
    await page.getByText('没有待审批的门店消费').waitFor()
    await page.getByText('已拒绝', { exact: true }).first().click()
    await page.getByText('小票金额与收银系统不符').waitFor()
    await screenshotConsole(page, 'merchant-till-refused', viewport)
    await expectConsoleFits(page)
    const audit = await server.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'till.purchase.%')
      .execute()
    expect(audit.map((a) => a.action).sort()).toEqual(['till.purchase.approve', 'till.purchase.refuse'])
  })
})
