import { readFile } from 'node:fs/promises'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { apiCaller } from './support/api'
import { expectNoHorizontalOverflow, loginAndJoin, screenshot, waitForPage } from './support/browser'
import { useServerAndPhone } from './support/server-and-phone'
import { completeOrder } from './support/shop-orders'

const phoneNo = '13900000151'

/** YYYY-MM-DD in Shanghai of the last moment before `iso`: the last day points lapsing at `iso` can be used. */
const lastDay = (iso: string) => new Date(Date.parse(iso) - 1 + 8 * 3_600_000).toISOString().slice(0, 10)
const chinese = (day: string) => `${day.slice(0, 4)}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`

describe('H5: a member extends an expiring lot by points, then reads and downloads 我的数据', () => {
  const { server, phone } = useServerAndPhone()
  const api = apiCaller(() => server.baseUrl)
  let page: Page
  let token: string
  let memberId: string

  beforeAll(async () => {
    page = phone.page
    await loginAndJoin(page, server.baseUrl, phoneNo)
    await page.getByText('个人资料', { exact: true }).waitFor()
    // A completed order of ¥300 earns a lot of 300 points, worth more than the 50-point extension; being the
    // member's first order it also earns the first-order task's 100 points, a lot of its own (extendable too).
    await completeOrder(server.baseUrl, phoneNo, 'DATA-1', 30_000)
    const login = await api('POST', '/api/auth/local', null, { phone: phoneNo })
    token = login.body.token
    memberId = login.body.member.id
  })

  it('shows a button per extendable lot with its cost and new date, and extends the lot once', async () => {
    const before = (await api('GET', '/api/me/points/expiring', token)).body
    const lot = before.lots.find((l: { points: number }) => l.points === 300)
    expect(lot.extension).not.toBeNull()
    const buttonText = `花 ${lot.extension.costPoints} 积分延期至 ${chinese(lastDay(lot.extension.expiresAtAfter))}`
    await page.goto(`${server.baseUrl}/#/points/pages/expiring/index`)
    const card = page.getByTestId('lot-extensions')
    await waitForPage(page, card)
    const row = page.getByTestId(`lot-${lot.lotId}`)
    await expect(row.textContent()).resolves.toContain(`300 积分${chinese(lastDay(lot.expiresAt))} 到期`)
    await row.getByText(buttonText, { exact: true }).waitFor()
    const taskLot = before.lots.find((l: { points: number }) => l.points === 100)
    expect(taskLot.extension).not.toBeNull()
    await expect(page.getByTestId(`lot-${taskLot.lotId}`).textContent()).resolves.toContain('100 积分')
    await expectNoHorizontalOverflow(page)
    await screenshot(page, '80-expiring-extension-offer')

    await row.getByText(buttonText, { exact: true }).click()
    await page.getByText('每笔积分只能延期一次', { exact: false }).waitFor()
    await page.getByText('确认延期', { exact: true }).click()
    await row.getByText(`已延期 · 原 ${chinese(lastDay(lot.expiresAt))} 到期`, { exact: false }).waitFor()
    await expect(row.getByText(buttonText, { exact: true }).count()).resolves.toBe(0)
    const extensions = await server.db.selectFrom('points_lot_extensions').selectAll().execute()
    expect(extensions).toMatchObject([
      {
        lot_id: lot.lotId,
        member_id: memberId,
        expires_at_before: lot.expiresAt,
        expires_at_after: lot.extension.expiresAtAfter,
      },
    ])
    const points = await server.db
      .selectFrom('ledger_accounts')
      .select('balance')
      .where('member_id', '=', memberId)
      .where('ledger', '=', 'points')
      .executeTakeFirstOrThrow()
    expect(points.balance).toBe(100 + 300 - lot.extension.costPoints)
    // Asking again, as a second tap or a retry would, changes nothing.
    const again = await api('POST', `/api/me/points/lots/${lot.lotId}/extension`, token)
    expect(again).toMatchObject({ status: 200, body: { id: extensions[0].id } })
    await page.getByText('已延期至', { exact: false }).waitFor({ state: 'hidden' })
    await expectNoHorizontalOverflow(page)
    await screenshot(page, '81-expiring-extended')
  })

  it('opens 我的数据 from 个人资料, shows the data readably and downloads the same JSON the API exports', async () => {
    await page.goto(`${server.baseUrl}/#/pages/home/index`)
    await page.getByText('个人资料', { exact: true }).click()
    await page.getByTestId('profile-data-link').click()
    await waitForPage(page, page.getByTestId('member-data-intro'))
    const profile = page.getByTestId('member-data-profile')
    await expect(profile.textContent()).resolves.toContain(phoneNo)
    const pointsBlock = page.getByTestId('member-data-points')
    await expect(pointsBlock.textContent()).resolves.toContain('积分延期：原')
    await expect(page.getByTestId('member-data-tier').textContent()).resolves.toContain('普通会员')
    await expect(page.getByTestId('member-data-orders').textContent()).resolves.toContain('订单 DATA-1实付 ¥300')
    await expectNoHorizontalOverflow(page)
    await screenshot(page, '82-member-data')

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('member-data-download').click(),
    ])
    expect(download.suggestedFilename()).toMatch(new RegExp(`^member-data-${memberId}-\\d{4}-\\d{2}-\\d{2}\\.json$`))
    const saved = JSON.parse(await readFile((await download.path())!, 'utf8'))
    const exported = (await api('GET', '/api/me/export', token)).body
    expect(saved.profile).toEqual(exported.profile)
    expect(saved.points.entries).toEqual(exported.points.entries)
    expect(saved.points.extensions).toEqual(exported.points.extensions)
    expect(saved.orders).toEqual(exported.orders)
  })
})
