import { beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { verifyLedgers } from '../src/ledger/verify-ledgers'
import { apiCaller } from './support/api'
import { expectReadable, holdRequest } from './support/button-contrast'
import { expectNoHorizontalOverflow, loginAndJoin, screenshot } from './support/browser'
import { e2eAdminToken } from './support/h5-server'
import { useServerAndPhone } from './support/server-and-phone'

const phoneNo = '13900000061'
const staffPhone = '13700000061'
const staffPin = '246135'

describe('H5: the points mall, from redeeming to the pickup at the till', () => {
  const { server, phone } = useServerAndPhone()
  let page: Page
  let memberId: string
  const pickupCodes: string[] = []
  const api = apiCaller(() => server.baseUrl)
  const itemId = async (title: string) =>
    (await server.db.selectFrom('mall_items').select('id').where('title', '=', title).executeTakeFirstOrThrow()).id
  const points = async () =>
    await server.db
      .selectFrom('ledger_accounts')
      .select(['balance', 'held'])
      .where('member_id', '=', memberId)
      .where('ledger', '=', 'points')
      .executeTakeFirstOrThrow()

  beforeAll(() => {
    page = phone.page
  })

  it('joins, gets points, and opens the mall from home', async () => {
    await loginAndJoin(page, server.baseUrl, phoneNo)
    await page.locator('.shortcuts').getByText('积分商城', { exact: true }).waitFor()
    memberId = (
      await server.db.selectFrom('members').select('id').where('phone', '=', phoneNo).executeTakeFirstOrThrow()
    ).id
    const credited = await api(
      'POST',
      `/api/admin/members/${memberId}/adjustments`,
      e2eAdminToken,
      { ledger: 'points', amount: 2000, reason: '活动赠送积分' },
      { 'idempotency-key': 'e2e-mall-points-1' },
    )
    expect(credited.status).toBe(201)
    await page.locator('.shortcuts').getByText('积分商城', { exact: true }).click()
    await page.getByTestId(`mall-item-${await itemId('品牌帆布袋')}`).waitFor()
    await page.getByTestId('mall-balance').getByText('2,000').waitFor()
    await page.getByText('黄金会员及以上专享').first().waitFor()
    await screenshot(page, '30-mall-list')
    await expectNoHorizontalOverflow(page)
  })

  it('redeems a points-only item and shows its pickup code', async () => {
    await page.getByTestId(`mall-item-${await itemId('品牌帆布袋')}`).click()
    await page.getByTestId('redeem-button').waitFor()
    await screenshot(page, '31-mall-item')
    await expectNoHorizontalOverflow(page)
    await page.getByTestId('redeem-button').click()
    await page.getByTestId('checkout-confirm').waitFor()
    await expect.poll(() => page.getByTestId('checkout-points-total').textContent()).toContain('300')
    // Joined from the shop with two stores to choose from: nothing preselected, the shopper picks 徐汇.
    await page.locator('[data-testid="pickup-outlet-outlet_xuhui"]:visible').click()
    await page.locator('[data-testid="pickup-chosen"]:visible').getByText('徐汇旗舰店').waitFor()
    await screenshot(page, '32-mall-checkout')
    await expectNoHorizontalOverflow(page)
    await page.getByTestId('checkout-confirm').click()
    const code = page.getByTestId('pickup-code')
    await code.waitFor()
    const digits = await code.getAttribute('data-code')
    expect(digits).toMatch(/^\d{10}$/)
    pickupCodes.push(digits!)
    await page.getByText('待自提').first().waitFor()
    await screenshot(page, '33-mall-pickup-code')
    await expectNoHorizontalOverflow(page)
    expect(await points()).toEqual({ balance: 1700, held: 0 })
  }, 60_000)

  it('redeems a points-plus-cash item through the local payment provider', async () => {
    const coffee = await itemId('精品咖啡豆 250g')
    await page.goto(`${server.baseUrl}/#/mall/pages/item/index?id=${coffee}`)
    await page.reload()
    await page.getByTestId('redeem-button').click()
    await page.getByTestId('checkout-confirm').waitFor()
    await expect.poll(() => page.getByTestId('checkout-cash-total').textContent()).toContain('9.90')
    await page.locator('[data-testid="pickup-chosen"]:visible').getByText('徐汇旗舰店').waitFor()
    await page.getByTestId('checkout-confirm').click()
    await page.getByTestId('pay-confirm').waitFor()
    await expect.poll(() => page.getByTestId('pay-amount').textContent()).toContain('9.90')
    await page.getByTestId('pay-countdown').waitFor()
    await screenshot(page, '34-mall-local-cashier')
    await expectNoHorizontalOverflow(page)
    expect(await points()).toEqual({ balance: 1700, held: 500 })
    await page.getByTestId('pay-confirm').click()
    const code = page.getByTestId('pickup-code')
    await code.waitFor({ timeout: 30_000 })
    pickupCodes.push((await code.getAttribute('data-code'))!)
    await screenshot(page, '35-mall-paid')
    const row = await server.db
      .selectFrom('mall_redemptions')
      .select(['status', 'transaction_id', 'cash_fen'])
      .where('member_id', '=', memberId)
      .where('item_id', '=', coffee)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({ status: 'completed', cash_fen: 990 })
    expect(row.transaction_id).toMatch(/^\d+$/)
    expect(await points()).toEqual({ balance: 1200, held: 0 })
    expect(await verifyLedgers(server.db)).toEqual([])
  }, 60_000)

  it('lists both in my redemptions', async () => {
    await page.goto(`${server.baseUrl}/#/mall/pages/redemptions/index`)
    await page.reload()
    const mine = await server.db.selectFrom('mall_redemptions').select('id').where('member_id', '=', memberId).execute()
    expect(mine).toHaveLength(2)
    for (const { id } of mine) await page.getByTestId(`redemption-row-${id}`).waitFor()
    await page.getByText('品牌帆布袋').first().waitFor()
    await page.getByText('精品咖啡豆 250g').first().waitFor()
    await screenshot(page, '36-mall-my-redemptions')
    await expectNoHorizontalOverflow(page)
  })

  it('the staff page verifies a pickup code once and refuses it the second time', async () => {
    const created = await api('POST', '/api/admin/staff', e2eAdminToken, {
      name: '李店长',
      phone: staffPhone,
      outletId: 'outlet_xuhui',
      pin: staffPin,
    })
    expect(created.status).toBe(201)
    const till = await phone.context.newPage()
    await till.goto(`${server.baseUrl}/#/staff/pages/login/index`)
    await till.getByPlaceholder('店员手机号').fill(staffPhone)
    await till.getByPlaceholder('6 位数字密码').fill(staffPin)
    await till.getByText('登录收银台').click()
    await till.getByTestId('staff-pickup-link').click()
    await till.getByTestId('pickup-input').fill(pickupCodes[0])
    await screenshot(till, '37-staff-pickup')
    // While it verifies, the 核销 label stays readable on its pale button (issue 16).
    const verifying = await holdRequest(till, '**/api/staff/pickups/verify')
    await till.getByTestId('pickup-submit').click()
    await verifying.arrived()
    await expectReadable(till.getByTestId('pickup-submit'), '核销, verifying')
    await verifying.release()
    await till.getByTestId('pickup-result').getByText('品牌帆布袋').waitFor()
    await screenshot(till, '38-staff-pickup-done')
    await expectNoHorizontalOverflow(till)
    await till.getByTestId('pickup-next').click()
    await till.getByTestId('pickup-input').fill(pickupCodes[0])
    await till.getByTestId('pickup-submit').click()
    await expect.poll(() => till.getByTestId('pickup-error').textContent()).toContain('已于')
    await screenshot(till, '39-staff-pickup-used')
    await till.close()
    const row = await server.db
      .selectFrom('mall_redemptions')
      .select('picked_up_at')
      .where('pickup_code', '=', pickupCodes[0])
      .executeTakeFirstOrThrow()
    expect(row.picked_up_at).not.toBeNull()
    const other = await server.db
      .selectFrom('mall_redemptions')
      .select('picked_up_at')
      .where('pickup_code', '=', pickupCodes[1])
      .executeTakeFirstOrThrow()
    expect(other.picked_up_at).toBeNull()
  }, 60_000)
})
