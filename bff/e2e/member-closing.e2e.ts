import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { apiCaller } from './support/api'
import { expectNoHorizontalOverflow, loginAndJoin, screenshot, waitForPage } from './support/browser'
import { useServerAndPhone } from './support/server-and-phone'
import { completeOrder } from './support/shop-orders'

const phoneNo = '13900000151'

describe('H5: a member closes the account from the profile page after seeing what is lost', () => {
  const { server, phone } = useServerAndPhone()
  const api = apiCaller(() => server.baseUrl)
  let page: Page
  let memberId: string

  beforeAll(async () => {
    page = phone.page
    await loginAndJoin(page, server.baseUrl, phoneNo)
    await page.getByText('个人资料', { exact: true }).waitFor()
    await completeOrder(server.baseUrl, phoneNo, 'ord_closing_e2e_1', 12_800)
    const login = await api('POST', '/api/auth/local', null, { phone: phoneNo })
    memberId = login.body.member.id
  })

  it('opens 注销账号 from the profile page and lists the points, growth, tier and coupons to be lost', async () => {
    const preview = (await api('POST', '/api/auth/local', null, { phone: phoneNo })).body.token as string
    const lost = (await api('GET', '/api/me/closing', preview)).body
    expect(lost.points).toBeGreaterThan(0)
    await page.getByText('个人资料', { exact: true }).click()
    await page.getByTestId('profile-closing-link').click()
    const losses = page.getByTestId('closing-losses')
    await waitForPage(page, losses)
    const text = await losses.textContent()
    expect(text).toContain(`积分${lost.points}`)
    expect(text).toContain(`成长值${lost.growth}`)
    expect(text).toContain(`会员等级${lost.tier.name}`)
    expect(text).toContain(`可用优惠券${lost.coupons.length} 张`)
    await page.getByText('未完成的兑换（待支付、待发货、待自提）需先完成或取消，才能注销', { exact: false }).waitFor()
    await expect(page.getByText('积分与成长值流水仅以匿名编号保留', { exact: false }).count()).resolves.toBe(1)
    await expectNoHorizontalOverflow(page)
    await screenshot(page, '75-closing-preview')
  })

  it('keeps the button off until the member ticks the acknowledgement, then closes and erases', async () => {
    const button = page.getByRole('button', { name: '确认注销' })
    await button.click({ force: true })
    const stillOpen = await server.db
      .selectFrom('members')
      .select('closed_at')
      .where('id', '=', memberId)
      .executeTakeFirst()
    expect(stillOpen?.closed_at).toBeNull()
    await page.getByTestId('closing-acknowledge').click()
    await screenshot(page, '76-closing-acknowledged')
    await button.click()
    const done = page.getByTestId('closing-done')
    await done.waitFor()
    const row = await server.db.selectFrom('members').selectAll().where('id', '=', memberId).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ phone: null, nickname: '已注销会员', closed_by: 'member' })
    expect(row.closed_at).not.toBeNull()
    await screenshot(page, '77-closing-done')
    await page.getByText('完成', { exact: true }).click()
    await page.getByPlaceholder('请输入手机号').waitFor()
    // The same phone logs in as somebody new (a visitor, not yet a member): nothing links it to the closed member.
    const again = await api('POST', '/api/auth/local', null, { phone: phoneNo })
    expect(again.body.member).toBeNull()
  })
})
