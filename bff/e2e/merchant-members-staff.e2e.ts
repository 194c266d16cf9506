import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { apiCaller } from './support/api'
import { screenshot } from './support/browser'
import { memberIdByPhone } from './support/server-and-phone'
import { e2eAdminToken } from './support/h5-server'
import {
  expectConsoleFits,
  loginAs,
  loginAsOwner,
  merchantLoginPath,
  merchantViewports,
  openConsoleBrowser,
  openConsoleSection,
  screenshotConsole,
  useServerAndConsole,
} from './support/merchant'

// 林小夏, the first named demo shopper (bff/src/setup/demo-shoppers.ts).
const demoPhone = '13800000001'

describe.each(merchantViewports)('H5 console members and staff on a $name ($width×$height)', (viewport) => {
  const { server, browser } = useServerAndConsole(viewport)
  let page: Page
  let memberId = ''
  const api = apiCaller(() => server.baseUrl)
  const staffPhone = viewport.name === 'phone' ? '13600000071' : '13600000072'
  const staffPin = '258147'
  const pointsBalance = async () =>
    (
      await server.db
        .selectFrom('ledger_accounts')
        .select('balance')
        .where('member_id', '=', memberId)
        .where('ledger', '=', 'points')
        .executeTakeFirstOrThrow()
    ).balance

  beforeAll(async () => {
    page = browser.page
    memberId = await memberIdByPhone(server, demoPhone)
  })

  it('finds a demo member by phone and opens the member page', async () => {
    await page.goto(`${server.baseUrl}${merchantLoginPath}`)
    await loginAsOwner(page, server.baseUrl)
    await openConsoleSection(page, 'members', viewport)
    await page.getByTestId('member-search-submit').waitFor()
    await page.locator('[data-testid^="member-row-"]').first().waitFor()
    await screenshotConsole(page, 'merchant-members-list', viewport)
    await expectConsoleFits(page)

    await page.getByPlaceholder('手机号、会员卡号或昵称').fill(demoPhone)
    await page.getByTestId('member-search-submit').click()
    await page.getByText('按手机号精确匹配').waitFor()
    const row = page.getByTestId(`member-row-${memberId}`)
    await row.getByText('林小夏').waitFor()
    await expect.poll(() => page.locator('[data-testid^="member-row-"]').count()).toBe(1)
    // Even the owner sees the phone masked until asking for it, and the asking is in the audit log.
    await row.getByText('138****0001').waitFor()
    await screenshotConsole(page, 'merchant-members-search', viewport)
    await expectConsoleFits(page)
    await row.getByText('显示完整号码').click()
    await row.getByText(demoPhone).waitFor()
    const reveals = await server.db
      .selectFrom('audit_log')
      .select('actor')
      .where('action', '=', 'member.phone_revealed')
      .where('target_id', '=', memberId)
      .execute()
    expect(reveals).toEqual([{ actor: expect.stringMatching(/^operator:opr_/) }])

    await page.getByTestId(`member-open-${memberId}`).click()
    await page.getByTestId('member-detail').waitFor()
    await page.getByTestId('member-ledger').locator('[data-testid^="ledger-entry-"]').first().waitFor()
    await page.getByText('等级轨迹').waitFor()
    await screenshotConsole(page, 'merchant-member-detail', viewport)
    await expectConsoleFits(page)
  }, 90_000)

  it('refuses an adjustment without a reason, then adjusts points with one and shows the ledger line', async () => {
    const before = await pointsBalance()
    await page.getByTestId('member-adjust').click()
    const dialog = page.getByTestId('adjust-dialog')
    await dialog.getByPlaceholder('例如 100').fill('120')
    await page.getByTestId('adjust-submit').click()
    await dialog.getByText('请填写调整原因').waitFor()
    // Dialogs sit over the viewport, so they are captured as the screen shows them.
    await screenshot(page, `merchant-member-adjust-error-${viewport.name}`)
    expect(await pointsBalance()).toBe(before)

    const reason = `客服补偿${viewport.name === 'phone' ? '一' : '二'}`
    await dialog.getByPlaceholder('例如 客服补偿、活动补录').fill(reason)
    await page.getByTestId('adjust-submit').click()
    await dialog.waitFor({ state: 'detached' })
    await page.getByTestId('member-notice').getByText('已调整积分 +120').waitFor()
    const ledger = page.getByTestId('member-ledger')
    const line = ledger.locator('[data-testid^="ledger-entry-"]').first()
    await line.getByText(`人工调整：${reason}`).waitFor()
    await line.getByText('+120').waitFor()
    await line.getByText('商家后台').waitFor()
    expect(await pointsBalance()).toBe(before + 120)
    await screenshotConsole(page, 'merchant-member-adjusted', viewport)
    await expectConsoleFits(page)

    await page.getByTestId('member-issue-coupon').click()
    const couponDialog = page.getByTestId('coupon-dialog')
    await page.getByTestId('coupon-mode-custom').click()
    await couponDialog.getByPlaceholder('例如 10 元无门槛券').fill('十元无门槛券')
    await couponDialog.getByPlaceholder('例如 10', { exact: true }).fill('10')
    await couponDialog.getByPlaceholder('例如 投诉补偿').fill('投诉补偿')
    await screenshot(page, `merchant-member-coupon-${viewport.name}`)
    await page.getByTestId('coupon-submit').click()
    await couponDialog.waitFor({ state: 'detached' })
    await page.getByTestId('member-notice').getByText('已发放 1 张优惠券：十元无门槛券').waitFor()
    await page.getByTestId('member-coupons').getByText('十元无门槛券').waitFor()
    await page.getByTestId('member-coupons').getByText('减 ¥10').waitFor()

    const audit = await server.db
      .selectFrom('audit_log')
      .select(['actor', 'target_id'])
      .where('action', '=', 'ledger.adjust')
      .execute()
    expect(audit).toEqual([{ actor: expect.stringMatching(/^operator:/), target_id: memberId }])
    await screenshotConsole(page, 'merchant-member-coupon-issued', viewport)
  }, 60_000)

  it('creates a staff account and disables it', async () => {
    // Back to the list first: the detail was opened on top of it, and Taro keeps both pages.
    await page.getByText('‹ 返回会员列表').click()
    await page.getByTestId('member-detail').waitFor({ state: 'detached' })
    await openConsoleSection(page, 'staff', viewport)
    await page.getByTestId('staff-create').click()
    const dialog = page.getByTestId('staff-create-dialog')
    await dialog.getByPlaceholder('店员姓名').fill('赵收银')
    await dialog.getByPlaceholder('11 位手机号').fill(staffPhone)
    await page.getByTestId('staff-outlet-outlet_xuhui').click()
    await dialog.getByPlaceholder('6 位数字').fill(staffPin)
    await dialog.getByPlaceholder('再次输入').fill(staffPin)
    await screenshot(page, `merchant-staff-new-${viewport.name}`)
    await page.getByTestId('staff-create-submit').click()
    await dialog.waitFor({ state: 'detached' })

    const staffId = (
      await server.db.selectFrom('staff').select('id').where('phone', '=', staffPhone).executeTakeFirstOrThrow()
    ).id
    const row = page.getByTestId(`staff-row-${staffId}`)
    await row.getByText('在用').waitFor()
    await row.getByText('徐汇旗舰店').waitFor()
    const login = await api('POST', '/api/staff/login', null, { phone: staffPhone, pin: staffPin })
    expect(login.status).toBe(200)
    await screenshotConsole(page, 'merchant-staff-list', viewport)
    await expectConsoleFits(page)

    await page.getByTestId(`staff-disable-${staffId}`).click()
    await page.getByTestId('staff-disable-confirm').click()
    await row.getByText('已停用').waitFor()
    await page.getByTestId('staff-notice').getByText('已停用「赵收银」').waitFor()
    const refused = await api('POST', '/api/staff/login', null, { phone: staffPhone, pin: staffPin })
    expect(refused.status).not.toBe(200)
    await screenshotConsole(page, 'merchant-staff-disabled', viewport)
    await expectConsoleFits(page)
  }, 60_000)

  it("shows a store manager only their own store's staff", async () => {
    const other = await api('POST', '/api/admin/staff', e2eAdminToken, {
      name: '钱店员',
      phone: viewport.name === 'phone' ? '13600000081' : '13600000082',
      outletId: 'outlet_jingan',
      pin: '369258',
    })
    expect(other.status).toBe(201)
    const login = `mgr.${viewport.name}`
    const created = await api('POST', '/api/admin/operators', e2eAdminToken, {
      login,
      name: '徐汇店长',
      role: 'store_manager',
      outletId: 'outlet_xuhui',
    })
    expect(created.status).toBe(201)
    const first = await api('POST', '/api/operator/login', null, { login, password: created.body.oneTimePassword })
    const password = 'Xuhui-manager-2026'
    const changed = await api('POST', '/api/operator/password', first.body.token, {
      currentPassword: created.body.oneTimePassword,
      newPassword: password,
    })
    expect(changed.status).toBe(200)

    const manager = await openConsoleBrowser(viewport)
    try {
      await loginAs(manager.page, server.baseUrl, login, password)
      await manager.page.getByTestId('merchant-home').waitFor()
      await openConsoleSection(manager.page, 'staff', viewport)
      await manager.page.getByText('仅显示你管理的门店：徐汇旗舰店').waitFor()
      await manager.page.getByText('赵收银').waitFor()
      expect(await manager.page.getByText('钱店员').count()).toBe(0)
      expect(await manager.page.getByText('全部门店').count()).toBe(0)
      await screenshotConsole(manager.page, 'merchant-staff-store-manager', viewport)
      await expectConsoleFits(manager.page)
    } finally {
      await manager.close()
    }
  }, 60_000)
})
