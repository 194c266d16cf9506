import { beforeAll, describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { apiCaller } from './support/api'
import { expectNoHorizontalOverflow, loginAndJoin, screenshot, waitForPage } from './support/browser'
import { e2eClock, e2eMonthStart } from './support/e2e-clock'
import { e2eAdminToken } from './support/h5-server'
import { memberIdByPhone, useServerAndPhone } from './support/server-and-phone'

const phoneNo = '13900000001'
const staffPhone = '13700000001'
const staffPin = '135790'

describe('H5: sign-in, member code, staff till, benefits and inbox', () => {
  const { server, phone } = useServerAndPhone()
  let memberId: string
  let memberToken: string
  let page: Page
  const api = apiCaller(() => server.baseUrl)
  const shownCode = async () => (await page.getByLabel('会员码').textContent())!.replace(/\s/g, '')

  beforeAll(async () => {
    page = phone.page
    // The upgrade congratulation is a journey that holds 10% of members out by default, and member ids are random:
    // this shopper must be in the treated arm for the inbox steps below.
    const settings = (await api('GET', '/api/admin/automation/settings', e2eAdminToken)).body
    settings.journeys.upgrade.holdoutPercent = 0
    expect((await api('PUT', '/api/admin/automation/settings', e2eAdminToken, settings)).status).toBe(200)
  })

  it('joins and finds the shortcuts on home', async () => {
    await loginAndJoin(page, server.baseUrl, phoneNo)
    await page.getByText('再得 500 成长值升级白银会员').waitFor()
    for (const label of ['每日签到', '会员码', '我的权益', '消息'])
      await page.getByText(label, { exact: true }).waitFor()
    await screenshot(page, '10-home-shortcuts')
    await expectNoHorizontalOverflow(page)
    memberId = await memberIdByPhone(server, phoneNo)
    memberToken = (await api('POST', '/api/auth/local', null, { phone: phoneNo })).body.token
    // Joined at the start of the month, so the days before today are missed days that may be made up. The e2e
    // clock stands mid-month, so there always are some.
    expect(Date.parse(e2eMonthStart())).toBeLessThan(e2eClock.now().getTime() - 7 * 86_400_000)
    await server.db
      .updateTable('members')
      .set({ joined_at: new Date(e2eMonthStart()).toISOString() })
      .where('id', '=', memberId)
      .execute()
  })

  // Both sign-ins fall on one business day: the e2e clock stands at 10:00 in Shanghai, hours from midnight.
  it('signs in once; the button then says 今日已签到 and a second sign-in is refused', async () => {
    await page.getByText('每日签到', { exact: true }).click()
    await page.getByRole('button', { name: '签到', exact: true }).click()
    // On the calendar page: home, hidden behind it, says the same on its sign-in card.
    await page.locator('.taro_page:visible').getByText('签到成功 +2 成长值 +5 积分').first().waitFor()
    await page.getByRole('button', { name: '今日已签到' }).waitFor()
    await page.getByRole('button', { name: '今日已签到' }).click({ force: true })
    await page.getByText('今日已得 +2 成长值 +5 积分').waitFor()
    await screenshot(page, '11-sign-in')
    await expectNoHorizontalOverflow(page)
    const again = await api('POST', '/api/sign-in', memberToken, {})
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('ALREADY_SIGNED_IN')
  })

  it('makes up a missed day for points, after a confirm showing the cost', async () => {
    const adjusted = await api(
      'POST',
      `/api/admin/members/${memberId}/adjustments`,
      e2eAdminToken,
      { ledger: 'points', amount: 100, reason: '测试补签积分' },
      { 'idempotency-key': 'e2e-make-up-points' },
    )
    expect(adjusted.status).toBe(201)
    await page.reload()
    await page.getByText('补签', { exact: true }).first().click()
    await page.getByText('将消耗 20 积分，本月还可补签 2 次').waitFor()
    await screenshot(page, '12-make-up-confirm')
    await page.getByText('确认补签', { exact: true }).last().click()
    await page.getByText('已补', { exact: true }).waitFor()
    await page.getByText('本月可补签 1/2 次').waitFor()
    const calendar = await api('GET', '/api/sign-in/calendar', memberToken)
    expect(calendar.body.days.filter((d: { status: string }) => d.status === 'made_up')).toHaveLength(1)
  })

  it('shows a member code the staff API accepts', async () => {
    await page.goto(`${server.baseUrl}/#/member-code/pages/code/index`)
    await page.getByText('请向店员出示，30 秒自动刷新，截图无效').waitFor()
    await page.getByText(/\d+ 秒后刷新/).waitFor()
    const code = await shownCode()
    expect(code).toMatch(/^9\d{17}$/)
    await screenshot(page, '13-member-code')
    await expectNoHorizontalOverflow(page)

    const created = await api('POST', '/api/admin/staff', e2eAdminToken, {
      name: '王小店',
      phone: staffPhone,
      outletId: 'outlet_xuhui',
      pin: staffPin,
    })
    expect(created.status).toBe(201)
    const login = await api('POST', '/api/staff/login', null, { phone: staffPhone, pin: staffPin })
    expect(login.body.token).toMatch(/^mcst_/)
    const verified = await api('POST', '/api/staff/member-code/verify', login.body.token, { code })
    expect(verified.status).toBe(200)
    expect(verified.body.member).toMatchObject({ memberId, tier: { id: 'regular' } })
  })

  it('records a till purchase through the staff pages, which upgrades the member', async () => {
    // Each code is accepted once. The code follows 30-second steps of the server's clock: move the server and
    // the page forward one step, rather than wait for it, and the page fetches and shows the next code.
    const used = await shownCode()
    await phone.advanceTime(30_000)
    await page.waitForFunction(
      (old) => {
        const el = document.querySelector('[aria-label="会员码"]')
        return el && el.textContent!.replace(/\s/g, '') !== old
      },
      used,
      { timeout: 10_000 },
    )
    const code = await shownCode()

    const till = await phone.context.newPage()
    await till.goto(`${server.baseUrl}/#/staff/pages/login/index`)
    await till.getByPlaceholder('店员手机号').fill(staffPhone)
    await till.getByPlaceholder('6 位数字密码').fill(staffPin)
    await screenshot(till, '14-staff-login')
    await till.getByText('登录收银台').click()
    await till.getByPlaceholder('输入会员出示的 18 位数字').fill(code)
    await till.getByText('核验', { exact: true }).click()
    await till.getByText('登记消费').waitFor()
    await till.getByPlaceholder('实付金额（元）').fill('520')
    await till.getByPlaceholder('收银小票号').fill('R-E2E-0001')
    await screenshot(till, '15-staff-member')
    await expectNoHorizontalOverflow(till)
    await till.getByText('确认登记').click()
    await till.getByText('登记成功').waitFor()
    await till.getByText('+520').first().waitFor()
    await till.getByText('会员已升级：普通会员 → 白银会员', { exact: false }).waitFor()
    await screenshot(till, '16-staff-result')
    await expectNoHorizontalOverflow(till)
    await till.close()

    const me = await api('GET', '/api/me', memberToken)
    expect(me.body.tier.id).toBe('silver')
    expect(me.body.growth).toBeGreaterThanOrEqual(520)
  }, 90_000)

  it('claims the monthly coupon pack once', async () => {
    // A reload after the hash change drops the pages kept below in Taro's stack (home shows 每月领券 too), which
    // otherwise stay in the document.
    await page.goto(`${server.baseUrl}/#/benefits/pages/list/index`)
    await page.reload()
    await page.getByText('每月领券', { exact: true }).waitFor()
    await page.getByText('解锁等级：黄金会员').first().waitFor()
    await page.getByRole('button', { name: '领取' }).first().click()
    await page.getByText('已领取', { exact: true }).waitFor()
    // The coupons themselves are in 我的优惠券; the benefits page links there with the count.
    await page.getByText(/^\d+ 张可用 ›$/).waitFor()
    await screenshot(page, '17-benefits')
    await expectNoHorizontalOverflow(page)
    const again = await api('POST', '/api/me/benefits/coupon_pack_monthly/claim', memberToken)
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('BENEFIT_ALREADY_CLAIMED')
  })

  it('has the upgrade congratulation in the inbox, unread until tapped', async () => {
    await page.goto(`${server.baseUrl}/#/pages/home/index`)
    await page.reload()
    await page.getByLabel('1 条未读').waitFor()
    await page.getByText('消息', { exact: true }).click()
    await waitForPage(page, page.getByText('恭喜升级为白银会员'))
    await expectNoHorizontalOverflow(page)
    await screenshot(page, '18-inbox')
    await page.getByText('恭喜升级为白银会员').click()
    // The tap also opens the page the message acts on (its tiers); waited for here, so that navigation cannot land
    // on top of whatever the next test opens (under load it arrived after the next goto, covering home).
    await page.waitForURL(/membership\/pages\/tiers/)
    await expect.poll(() => page.getByLabel('未读').count()).toBe(0)
    const inbox = await api('GET', '/api/me/inbox', memberToken)
    expect(inbox.body.unreadCount).toBe(0)
  })

  it('fits a 320 px phone', async () => {
    await page.setViewportSize({ width: 320, height: 640 })
    // Each page with something only it shows once its data has loaded: an empty page cannot overflow.
    const pages: [string, (p: Page) => Locator][] = [
      ['pages/home/index', (p) => p.getByText(/^再得 [\d,]+ 成长值升级黄金会员$/)],
      ['sign-in/pages/calendar/index', (p) => p.getByRole('button', { name: '今日已签到' })],
      ['member-code/pages/code/index', (p) => p.getByLabel('会员码')],
      ['benefits/pages/list/index', (p) => p.getByText('已领取', { exact: true })],
      ['inbox/pages/list/index', (p) => p.getByText('恭喜升级为白银会员')],
    ]
    for (const [path, content] of pages) {
      await page.goto(`${server.baseUrl}/#/${path}`)
      await page.reload() // only this page in the document, so `content` cannot be found on one kept below it
      await waitForPage(page, content(page))
      await expectNoHorizontalOverflow(page)
      await screenshot(page, `19-320-${path.split('/')[0]}`)
      if (path === 'pages/home/index') await expectLabelsApart(page.locator('.shortcuts__label:visible'))
    }
  })

  /** No two labels overlap and each shows its whole text: the shortcut labels once ran into each other at 320 px. */
  async function expectLabelsApart(labels: Locator) {
    const boxes = await labels.evaluateAll((nodes) =>
      nodes.map((node) => {
        const r = node.getBoundingClientRect()
        return {
          text: node.textContent,
          left: r.left,
          right: r.right,
          top: r.top,
          bottom: r.bottom,
          clipped: node.scrollWidth > node.clientWidth,
        }
      }),
    )
    expect(boxes.length).toBeGreaterThan(0)
    for (const box of boxes) expect(box.clipped, `${box.text} is cut off`).toBe(false)
    for (const [i, a] of boxes.entries())
      for (const b of boxes.slice(i + 1)) {
        const overlap = a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1
        expect(overlap, `${a.text} overlaps ${b.text}`).toBe(false)
      }
  }
})
