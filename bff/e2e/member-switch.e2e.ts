import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { acceptTerms, screenshot, waitForPage } from './support/browser'
import { useServerAndPhone } from './support/server-and-phone'

// Two demo shoppers: 林小夏 (gold, orders of ¥680, 990, 456 and 388) and 陈一鸣 (silver, ¥320, 299 and 128). Their
// history rows name the order by what was paid, never by its id.
const first = { phone: '13800000001', nickname: '林小夏', orderMark: '实付 ¥680.00', upgradedTo: '恭喜升级为黄金会员' }
const second = { phone: '13800000002', nickname: '陈一鸣', orderMark: '实付 ¥320.00' }

/** Texts that belong to the first member only: none of them may ever be on screen for the second. */
const firstMembersMarks = [first.nickname, first.orderMark, first.upgradedTo]

// Every page is reached inside the running app (hash navigation, no reload), so the stores keep what they
// fetched: a store that forgot to reset on the switch would show the first member's data.
const visiblePage = (page: Page) => page.locator('.taro_page_show').last()

async function go(page: Page, route: string) {
  await page.evaluate((hash) => {
    window.location.hash = hash
  }, `#${route}`)
}

describe('H5: one member logs out and another logs in on the same phone', () => {
  const { server, phone } = useServerAndPhone()

  async function logIn(page: Page, phoneNumber: string, nickname: string) {
    await page.getByPlaceholder('请输入手机号').fill(phoneNumber)
    await acceptTerms(page)
    await page.getByText('登录', { exact: true }).click()
    await waitForPage(page, page.getByText(nickname))
  }

  it('loads every page for the first member', async () => {
    const { page } = phone
    await page.goto(`${server.baseUrl}/#/pages/login/index`)
    await logIn(page, first.phone, first.nickname)
    await go(page, '/points/pages/history/index?type=points')
    await waitForPage(page, visiblePage(page).getByText(first.orderMark).first())
    await go(page, '/inbox/pages/list/index')
    await waitForPage(page, visiblePage(page).getByText(first.upgradedTo).first())
    await go(page, '/benefits/pages/list/index')
    await waitForPage(page, visiblePage(page).getByText('每月领券').first())
    await go(page, '/mall/pages/redemptions/index')
    await waitForPage(page, visiblePage(page).getByText('还没有兑换记录'))
    await go(page, '/membership/pages/profile/index')
    await waitForPage(page, visiblePage(page).getByText('退出登录'))
  })

  it('shows the second member nothing of the first, not even while pages load', async () => {
    const { page } = phone
    await visiblePage(page).getByText('退出登录').click()
    await waitForPage(page, page.getByPlaceholder('请输入手机号'))
    // From here on, any text of the first member appearing anywhere on screen is recorded.
    await page.evaluate((marks) => {
      const seen: string[] = []
      ;(window as unknown as { firstMemberSeen: string[] }).firstMemberSeen = seen
      const look = () => {
        const text = document.body.innerText
        for (const mark of marks) if (text.includes(mark) && !seen.includes(mark)) seen.push(mark)
      }
      new MutationObserver(look).observe(document.body, { childList: true, subtree: true, characterData: true })
    }, firstMembersMarks)

    await logIn(page, second.phone, second.nickname)
    await go(page, '/points/pages/history/index?type=points')
    await waitForPage(page, visiblePage(page).getByText(second.orderMark).first())
    await screenshot(page, '60-switch-points-second-member')
    await go(page, '/inbox/pages/list/index')
    await waitForPage(page, visiblePage(page).getByText('恭喜升级为白银会员').first())
    await go(page, '/benefits/pages/list/index')
    await waitForPage(page, visiblePage(page).getByText('每月领券').first())
    await go(page, '/mall/pages/redemptions/index')
    await waitForPage(page, visiblePage(page).getByText('还没有兑换记录'))
    await go(page, '/pages/home/index')
    await waitForPage(page, visiblePage(page).getByText(second.nickname))
    await screenshot(page, '61-switch-home-second-member')

    const seen = await page.evaluate(() => (window as unknown as { firstMemberSeen: string[] }).firstMemberSeen)
    expect(seen).toEqual([])
  })
})
