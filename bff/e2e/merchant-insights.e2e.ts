import { readFile } from 'node:fs/promises'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { reportKeys, type ReportKey } from '@mc/shared'
import { startH5Server } from './support/h5-server'
import {
  chartPixels,
  expectConsoleFits,
  loginAsOwner,
  merchantLoginPath,
  merchantViewports,
  openConsoleSection,
  screenshotConsole,
  type MerchantViewport,
  useConsoleBrowser,
} from './support/merchant'
import type { H5Server } from './support/server-and-phone'

// One server with `npm start`'s year of demo history for both screen sizes: seeding it is the slow part.
const server = {} as H5Server
beforeAll(async () => {
  Object.assign(server, await startH5Server({ history: true }))
}, 300_000)
afterAll(async () => {
  await server.close?.()
})

describe.each(merchantViewports)('merchant console: insights at $width×$height', (viewport: MerchantViewport) => {
  const browser = useConsoleBrowser(viewport)
  let page: Page
  const shot = (name: string) => screenshotConsole(page, `merchant-insights-${name}`, viewport)
  const rangeText = () => page.getByTestId('report-range').innerText()

  beforeAll(() => {
    page = browser.page
  })

  it('lists the seven reports under 经营分析 and the weekly actions on the home page', async () => {
    await page.goto(`${server.baseUrl}${merchantLoginPath}`)
    await loginAsOwner(page, server.baseUrl)
    await page.getByTestId('weekly-actions').waitFor()
    await expect
      .poll(() => page.locator('[data-testid^="weekly-action-"]').count(), { timeout: 15_000 })
      .toBeGreaterThan(0)
    await shot('home')
    await openConsoleSection(page, 'insights', viewport)
    await page.getByTestId('insights-index').waitFor()
    for (const key of reportKeys) await page.getByTestId(`insights-report-${key}`).waitFor()
    await expectConsoleFits(page)
    await shot('index')
  }, 60_000)

  it.each(reportKeys)(
    'opens the %s report with its figures, tables and charts',
    async (key: ReportKey) => {
      await page.getByTestId(`insights-report-${key}`).click()
      const report = page.getByTestId(`report-${key}`)
      await report.waitFor({ timeout: 20_000 })
      await expect.poll(() => page.locator('[data-testid^="report-table-"]').count()).toBeGreaterThan(0)
      const charts = page.locator('[data-testid^="chart-"]')
      if ((await charts.count()) > 0) {
        const first = await charts.first().getAttribute('data-testid')
        await expect.poll(() => chartPixels(page, first ?? ''), { timeout: 10_000 }).toBeGreaterThan(500)
      }
      await expectConsoleFits(page)
      await shot(key)
      await page.getByText('‹ 返回经营分析').click()
      await page.getByTestId('insights-index').waitFor()
    },
    60_000,
  )

  it('switches the tier health range, tier and period, and downloads a table as CSV with its header row', async () => {
    await page.getByTestId('insights-report-tier-health').click()
    await page.getByTestId('report-tier-health').waitFor({ timeout: 20_000 })
    const before = await rangeText()
    await page.getByTestId('range-90').click()
    await expect.poll(rangeText, { timeout: 15_000 }).not.toBe(before)
    const tierChip = page.locator('[data-testid^="tier-"]:not([data-testid="tier-all"])').first()
    await tierChip.click()
    await expect.poll(() => tierChip.getAttribute('class')).toContain('console-chip--on')
    await page.getByTestId('period-365').click()
    await expect.poll(() => page.locator('.insights-loading').count(), { timeout: 15_000 }).toBe(0)
    await page.getByTestId('report-tier-health').waitFor()

    const table = page.locator('[data-testid^="report-table-"]').first()
    const tableKey = ((await table.getAttribute('data-testid')) ?? '').replace('report-table-', '')
    const labels = await table.locator('[role="columnheader"]').allInnerTexts()
    const downloading = page.waitForEvent('download')
    await page.getByTestId(`csv-${tableKey}`).click()
    const download = await downloading
    const bytes = await readFile((await download.path()) ?? '')
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const header = bytes.subarray(3).toString('utf8').split(/\r?\n/)[0]
    expect(header.split(',').map((cell) => cell.replace(/^"|"$/g, ''))).toEqual(labels.map((l) => l.trim()))
    expect(download.suggestedFilename()).toMatch(/\.csv$/)
    await page.getByTestId('csv-notice').waitFor()
    await expectConsoleFits(page)
    await shot('tier-health-switched')
    await page.getByText('‹ 返回经营分析').click()
    await page.getByTestId('insights-index').waitFor()
  }, 60_000)

  it('switches the RFM report to a year and one tier', async () => {
    await page.getByTestId('insights-report-rfm').click()
    await page.getByTestId('report-rfm').waitFor({ timeout: 20_000 })
    const before = await rangeText()
    await page.getByTestId('range-365').click()
    await expect.poll(rangeText, { timeout: 15_000 }).not.toBe(before)
    await page.locator('[data-testid^="tier-"]:not([data-testid="tier-all"])').last().click()
    await expect.poll(() => page.locator('.insights-loading').count(), { timeout: 15_000 }).toBe(0)
    await expectConsoleFits(page)
    await page.getByText('‹ 返回经营分析').click()
    await page.getByTestId('insights-index').waitFor()
  }, 60_000)

  it('shows the settings and the member list, and a member’s RFM group, lifecycle and tags', async () => {
    await page.getByTestId('insights-open-settings').click()
    await page.getByTestId('insight-settings').waitFor({ timeout: 15_000 })
    await expectConsoleFits(page)
    await shot('settings')
    await page.getByText('‹ 返回经营分析').click()
    await page.getByTestId('insights-open-members').click()
    await page.getByTestId('insight-members').waitFor()
    const firstRow = page.locator('[data-testid^="insight-row-"]').first()
    await firstRow.waitFor({ timeout: 15_000 })
    await expectConsoleFits(page)
    await shot('members')
    await firstRow.locator('.members-link').click()
    const card = page.getByTestId('member-insight')
    await card.waitFor({ timeout: 15_000 })
    await card.getByTestId('member-rfm').waitFor()
    await card.getByTestId('member-lifecycle').waitFor()
    // An operator's own tag is added and removed on the card; the nightly job never touches it.
    await card.getByPlaceholder('添加手动标签，如 老客推荐').fill('老客推荐')
    await card.getByTestId('member-tag-add').click()
    await card.getByTestId('member-tag-老客推荐').waitFor({ timeout: 15_000 })
    await expectConsoleFits(page)
    await card.screenshot({
      path: `${import.meta.dirname}/../../.artifacts/screenshots/merchant-insights-member-${viewport.name}.png`,
    })
    await card.getByTestId('member-tag-remove-老客推荐').click()
    await expect.poll(() => card.getByTestId('member-tag-老客推荐').count(), { timeout: 15_000 }).toBe(0)
  }, 60_000)
})
