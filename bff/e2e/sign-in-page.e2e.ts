import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { apiCaller } from './support/api'
import { expectReadable, holdRequest } from './support/button-contrast'
import { acceptTerms, expectNoHorizontalOverflow, screenshot, waitForPage } from './support/browser'
import { e2eClock, e2eMonthStart } from './support/e2e-clock'
import { e2eAdminToken } from './support/h5-server'
import { memberIdByPhone, useServerAndPhone } from './support/server-and-phone'

const phoneNo = '13900001616'

const white = 'rgb(255, 255, 255)'

describe('H5: the sign-in page and button states', () => {
  const { server, phone } = useServerAndPhone()
  const api = apiCaller(() => server.baseUrl)
  let memberToken: string
  let memberId: string
  const signInButton = (page: Page) => page.locator('.sign-in__button')
  const toast = (page: Page, text: string) => page.locator('.nut-toast').getByText(text)
  // By the number shown, not an attribute, so the same locator finds the cell in builds before and after.
  const dayCell = (page: Page, n: number) =>
    page.locator('.sign-cal__cell').filter({ has: page.locator('.sign-cal__num', { hasText: new RegExp(`^${n}$`) }) })

  it('login: the 登录 button is readable idle and while logging in', async () => {
    const { page } = phone
    await page.goto(`${server.baseUrl}/#/pages/login/index`)
    await page.getByPlaceholder('请输入手机号').fill(phoneNo)
    await acceptTerms(page)
    const button = page.getByRole('button', { name: '登录' })
    await waitForPage(page, button)
    await expectReadable(button, 'login idle', white)
    const login = await holdRequest(page, '**/api/auth/local')
    await button.click()
    await login.arrived()
    await expect.poll(() => button.getAttribute('class')).toContain('nut-button-loading')
    await expectReadable(button, 'login loading')
    await screenshot(page, '16-01-login-loading')
    await login.release()
    await page.getByText('立即开通会员').click()
    await page.getByText('每日签到', { exact: true }).waitFor()
    memberToken = (await api('POST', '/api/auth/local', null, { phone: phoneNo })).body.token
    memberId = await memberIdByPhone(server, phoneNo)
    // Joined on the 10th of the e2e month (mid-month, eight days before the clock): days before it were never the
    // member's to miss, the days after it are missed days that may be made up.
    const joinedAt = new Date(Date.parse(e2eMonthStart()) + 9 * 86_400_000)
    expect(joinedAt.getTime()).toBeLessThan(e2eClock.now().getTime() - 3 * 86_400_000)
    await server.db
      .updateTable('members')
      .set({ joined_at: joinedAt.toISOString() })
      .where('id', '=', memberId)
      .execute()
  })

  it('sign-in: the button is readable before, while and after signing in', async () => {
    const { page } = phone
    await page.getByText('每日签到', { exact: true }).click()
    const button = signInButton(page)
    await waitForPage(page, page.getByRole('button', { name: '签到', exact: true }))
    await expectReadable(button, 'sign-in idle')
    await screenshot(page, '16-02-sign-in-idle')
    const signIn = await holdRequest(page, '**/api/sign-in')
    await button.click()
    await signIn.arrived()
    await expectReadable(button, 'sign-in loading')
    await signIn.release()
    await page.getByRole('button', { name: '今日已签到' }).waitFor()
    await expectReadable(button, 'sign-in done (disabled)', white)
    await expectNoHorizontalOverflow(page)
    await screenshot(page, '16-03-sign-in-done')
  })

  it('answers a tap on every kind of day: signed, future, before joining; a missed day asks to make up', async () => {
    const { page } = phone
    const tap = async (day: string, answer: string) => {
      await dayCell(page, Number(day.slice(8))).click()
      await toast(page, answer).waitFor()
      await toast(page, answer).waitFor({ state: 'detached' })
    }
    const today = (await api('GET', '/api/sign-in/calendar', memberToken)).body.today.day as string
    const month = today.slice(0, 7)
    await tap(today, '今天已签到，明天再来')
    await tap(`${month}-28`, '还没到这一天，到时再来签到')
    await tap(`${month}-05`, '这天您还未开通会员，无需补签')
    await dayCell(page, 12).click()
    await page.getByText('确认补签', { exact: true }).first().waitFor()
    await screenshot(page, '16-04-make-up-confirm')
    await page.getByText('取消', { exact: true }).click()
  })

  it('says so when no make-up is left this month', async () => {
    const { page } = phone
    const points = { ledger: 'points', amount: 100, reason: '测试补签积分' }
    const adjusted = await api('POST', `/api/admin/members/${memberId}/adjustments`, e2eAdminToken, points, {
      'idempotency-key': 'e2e-sign-in-page-points',
    })
    expect(adjusted.status).toBe(201)
    const month = e2eMonthStart().slice(0, 7)
    for (const day of ['11', '12'])
      expect((await api('POST', '/api/sign-in/make-up', memberToken, { day: `${month}-${day}` })).status).toBe(201)
    await page.waitForTimeout(500)
    await expect(page.getByText('本月可补签 2/2 次').count()).resolves.toBe(1)
    // The phone comes back to the app (Taro's H5 router shows the page again on visibilitychange): the page
    // refetches, and the make-ups made meanwhile are there.
    await page.evaluate(() => window.dispatchEvent(new Event('visibilitychange')))
    await page.getByText('本月可补签 0/2 次').waitFor()
    await dayCell(page, 13).click()
    await toast(page, '本月 2 次补签机会已用完').waitFor()
    await screenshot(page, '16-05-no-make-up-left')
  })

  it('turns the day over while the page stays open: 今日已签到 becomes 签到 at the day start', async () => {
    const { page } = phone
    await page.getByRole('button', { name: '今日已签到' }).waitFor()
    const { nextDayStartsAt } = (await api('GET', '/api/sign-in/calendar', memberToken)).body
    await phone.advanceTime(Date.parse(nextDayStartsAt) - e2eClock.now().getTime() - 1_000)
    await page.waitForTimeout(500)
    await expect(page.getByRole('button', { name: '今日已签到' }).count()).resolves.toBe(1)
    await phone.advanceTime(1_000)
    await page.getByRole('button', { name: '签到', exact: true }).waitFor()
    await expectReadable(signInButton(page), 'sign-in on the new day')
    await screenshot(page, '16-06-next-day')
    await page.setViewportSize({ width: 320, height: 640 })
    await expectNoHorizontalOverflow(page)
    await expectReadable(signInButton(page), 'sign-in at 320 px')
    await screenshot(page, '16-06-next-day-320')
    await page.setViewportSize({ width: 375, height: 812 })
  })

  it('benefits: the 领取 button is readable idle and while claiming', async () => {
    const { page } = phone
    const growth = { ledger: 'growth', amount: 500, reason: '测试升级' }
    const adjusted = await api('POST', `/api/admin/members/${memberId}/adjustments`, e2eAdminToken, growth, {
      'idempotency-key': 'e2e-sign-in-page-growth',
    })
    expect(adjusted.status).toBe(201)
    await page.goto(`${server.baseUrl}/#/benefits/pages/list/index`)
    await page.reload()
    const button = page.getByRole('button', { name: '领取' }).first()
    await waitForPage(page, button)
    await expectReadable(button, '领取 idle', white)
    const claim = await holdRequest(page, '**/api/me/benefits/*/claim')
    await button.click()
    await claim.arrived()
    await expect.poll(() => button.getAttribute('class')).toContain('nut-button-loading')
    await expectReadable(button, '领取 loading')
    await screenshot(page, '16-07-benefits-claiming')
    await claim.release()
    await page.getByText('已领取', { exact: true }).first().waitFor()
  })
})
