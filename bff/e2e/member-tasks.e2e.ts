import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { signWebhook } from '../src/http/webhook-signature'
import { apiCaller } from './support/api'
import { expectNoHorizontalOverflow, loginAndJoin, screenshot, settle, waitForPage } from './support/browser'
import { e2eClock } from './support/e2e-clock'
import { e2eWebhookSecret } from './support/h5-server'
import { useServerAndPhone } from './support/server-and-phone'

const phoneNumber = '13900001414'

/** The session token the H5 app keeps, for the calls the weapp's share callback and the shop would make. */
const sessionToken = (page: Page) =>
  page.evaluate(() => {
    const raw = localStorage.getItem('mc.session')
    const stored = raw ? JSON.parse(raw) : null
    // Taro keeps storage values wrapped as { data }.
    return (stored?.data ?? stored)?.token as string
  })

describe('H5: the tasks page (任务中心) from home', () => {
  const { server, phone } = useServerAndPhone()
  const api = apiCaller(() => server.baseUrl)
  const row = (page: Page, key: string) => page.locator(`.tasks__row[data-task="${key}"]`)

  /** The shop's signed review.published, stamped with the server's time. */
  async function publishReview(memberId: string, reviewId: string) {
    const rawBody = JSON.stringify({
      id: `evt_${reviewId}`,
      type: 'review.published',
      occurredAt: e2eClock.now().toISOString(),
      data: { reviewId, member: { memberId } },
    })
    const timestamp = String(Math.floor(e2eClock.now().getTime() / 1000))
    const response = await fetch(`${server.baseUrl}/webhooks/reviews`, {
      method: 'POST',
      headers: { 'x-mc-timestamp': timestamp, 'x-mc-signature': signWebhook(e2eWebhookSecret, timestamp, rawBody) },
      body: rawBody,
    })
    expect(response.status).toBe(200)
  }

  async function checkWidths(page: Page, name: string) {
    await expectNoHorizontalOverflow(page)
    await screenshot(page, name)
    await page.setViewportSize({ width: 320, height: 640 })
    await settle(page)
    await expectNoHorizontalOverflow(page)
    await screenshot(page, `${name}-320`)
    await page.setViewportSize({ width: 375, height: 812 })
  }

  it('opens from the home shortcut with every task, its reward and cadence, nothing done yet', async () => {
    const { page } = phone
    await loginAndJoin(page, server.baseUrl, phoneNumber)
    await page.getByText('任务中心', { exact: true }).click()
    await waitForPage(page, page.locator('.tasks__row').first())
    await expect(page.locator('.tasks__title').allTextContents()).resolves.toEqual([
      '完善个人资料',
      '完成首单',
      '每日签到',
      '分享给好友',
      '评价订单',
    ])
    await expect(row(page, 'first_order').locator('.tasks__reward').textContent()).resolves.toBe(
      '+100 成长值 · +100 积分',
    )
    await expect(row(page, 'share').locator('.tasks__cadence').textContent()).resolves.toBe('每日')
    await expect(row(page, 'share').locator('.tasks__progress').textContent()).resolves.toBe(
      '今日 0/10 成长值 · 0/10 积分',
    )
    // The browser cannot share; only the mini-program's share sheet can.
    await expect(row(page, 'share').locator('.tasks__hint').textContent()).resolves.toBe('在小程序中分享')
    await expect(page.locator('.tasks__done').count()).resolves.toBe(0)
    await checkWidths(page, 'tasks-01-new-member')
  })

  it('shows sign-in, share and review done for today once the member did them', async () => {
    const { page } = phone
    const token = await sessionToken(page)
    const memberId = (await api('GET', '/api/me', token)).body.member.id as string
    // What the weapp's share callback posts, twice: the cap is then reached.
    for (let i = 0; i < 2; i += 1) expect((await api('POST', '/api/me/tasks/share', token)).status).toBe(201)
    await publishReview(memberId, 'e2e-review-1')
    await row(page, 'sign_in').getByText('去签到').click()
    await page.locator('.sign-in__button').getByText('签到', { exact: true }).click()
    await page.getByText('今日已签到').waitFor()
    // Back on the tasks page, which refetches what is done each time it shows.
    await page.goBack()
    await waitForPage(page, row(page, 'sign_in').locator('.tasks__done'))
    await expect(row(page, 'sign_in').locator('.tasks__done').textContent()).resolves.toBe('今日已完成')
    await expect(row(page, 'share').locator('.tasks__done').textContent()).resolves.toBe('今日已完成')
    await expect(row(page, 'share').locator('.tasks__progress').textContent()).resolves.toBe(
      '今日 10/10 成长值 · 10/10 积分',
    )
    await expect(row(page, 'review').locator('.tasks__progress').textContent()).resolves.toBe(
      '今日 10/20 成长值 · 10/20 积分',
    )
    await expect(row(page, 'profile_completed').getByText('去完善').count()).resolves.toBe(1)
    await checkWidths(page, 'tasks-02-done-today')
  })
})
