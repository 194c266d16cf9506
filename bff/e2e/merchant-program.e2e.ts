import { beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { join } from 'node:path'
import { screenshotDir } from './support/browser'
import {
  expectConsoleFits,
  loginAsOwner,
  merchantViewports,
  openConsoleSection,
  screenshotConsole,
  useServerAndConsole,
} from './support/merchant'

describe.each(merchantViewports)('merchant console: program rules at $width×$height', (viewport) => {
  const { server, browser } = useServerAndConsole(viewport)
  let page: Page
  let versionsBefore: number
  const shot = (name: string) => screenshotConsole(page, `merchant-program-${name}`, viewport)
  /** One part of the page at its own size, to look at closely (a long phone page shrinks in a full capture). */
  const part = (testId: string, name: string) =>
    page.getByTestId(testId).screenshot({ path: join(screenshotDir, `merchant-program-${name}-${viewport.name}.png`) })
  const threshold = () => page.getByTestId('rule-tiers-2-threshold')
  const versionCount = async () => (await server.db.selectFrom('program_versions').select('version').execute()).length

  beforeAll(async () => {
    page = browser.page
    versionsBefore = await versionCount()
  })

  it('shows the program in force and each template with its reasoning', async () => {
    await loginAsOwner(page, server.baseUrl)
    await openConsoleSection(page, 'program', viewport)
    await page.getByTestId('current-program').locator('.console-table__row').first().waitFor()
    const apparel = page.getByTestId('template-apparel')
    await apparel.getByText('服饰', { exact: true }).waitFor()
    await apparel.getByText(/尺码退货率/).waitFor()
    await expectConsoleFits(page)
    await shot('templates')
  }, 60_000)

  it('starts a draft from the apparel template and shows a bad threshold beside the field in Chinese', async () => {
    await page.getByTestId('template-use-apparel').click()
    await threshold().waitFor()
    expect(await threshold().inputValue()).toBe('3000')
    await threshold().fill('500')
    const goldTier = page.getByTestId('tier-2')
    await goldTier.getByText('等级门槛必须逐级升高').waitFor()
    await goldTier.getByText('保级门槛不能高于升级门槛').waitFor()
    await page.getByTestId('draft-problems').waitFor()
    await expectConsoleFits(page)
    await shot('draft-error')
    await part('tier-2', 'tier-error')
    await threshold().fill('3200')
    await expect.poll(() => goldTier.getByText('等级门槛必须逐级升高').count()).toBe(0)
    await expect.poll(() => page.getByTestId('draft-problems').count()).toBe(0)
  }, 60_000)

  it('simulates the draft and draws the distributions', async () => {
    await page.getByTestId('draft-simulate').click()
    const result = page.getByTestId('simulation-result')
    await result.waitFor()
    await result.getByText('每月权益成本', { exact: false }).waitFor()
    const canvas = page.getByTestId('simulation-chart').locator('canvas')
    await expect
      .poll(() =>
        canvas.evaluate((el: HTMLCanvasElement) => {
          const data = el.getContext('2d')?.getImageData(0, 0, el.width, el.height).data ?? []
          let painted = 0
          for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted += 1
          return painted
        }),
      )
      .toBeGreaterThan(1000)
    await expectConsoleFits(page)
    await shot('simulation')
    await part('simulation-panel', 'simulation-panel')
  }, 60_000)

  it('publishes choosing to keep current tiers, and shows the new version with a diff', async () => {
    await page.getByTestId('draft-publish').click()
    const dialog = page.getByTestId('publish-dialog')
    await dialog.getByText(/名会员达不到现有等级的保级门槛/).waitFor()
    await page.getByTestId('publish-keep_until_validity_end').click()
    await part('publish-dialog', 'publish-dialog')
    await page.getByTestId('publish-confirm').click()
    await page.getByTestId('publish-outcome').waitFor()
    expect(await versionCount()).toBe(versionsBefore + 1)
    const latest = await server.db
      .selectFrom('program_versions')
      .select(['version', 'rules', 'demotions'])
      .orderBy('version', 'desc')
      .executeTakeFirstOrThrow()
    expect(JSON.parse(latest.rules).tiers[2].threshold).toBe(3200)
    expect(latest.demotions === null || latest.demotions === 'keep_until_validity_end').toBe(true)

    await page.getByTestId('publish-outcome').getByTestId('open-versions').click()
    await page.getByTestId(`version-${latest.version}`).waitFor()
    const diff = page.getByTestId('version-diff')
    await diff.getByText(`版本 ${latest.version - 1} → 版本 ${latest.version} 的变化`).waitFor()
    await expect.poll(() => diff.getByTestId('diff-line').count()).toBeGreaterThan(0)
    await diff.getByTestId('diff-line').filter({ hasText: '金卡会员' }).first().waitFor()
    await expectConsoleFits(page)
    await shot('versions')
  }, 60_000)

  it('rolls back to the first version after confirming', async () => {
    const before = await versionCount()
    await page.getByTestId('rollback-1').click()
    const dialog = page.getByTestId('rollback-dialog')
    await dialog.getByText('将以版本 1 的规则发布一个新版本').waitFor()
    await page.getByTestId('rollback-confirm').click()
    // Lower thresholds may still lower someone (a tier key that is gone); then the dialog asks how, with the count.
    const asked = dialog.getByText(/名会员达不到现有等级的保级门槛/)
    const done = dialog.getByText(/已回滚：发布为版本/)
    await asked.or(done).waitFor()
    if (await asked.isVisible()) await dialog.getByText('保留至有效期结束', { exact: true }).click()
    await done.waitFor()
    expect(await versionCount()).toBe(before + 1)
    await part('rollback-dialog', 'rollback-done')
    await dialog.getByText('完成', { exact: true }).click()
    await page
      .getByTestId(`version-${before + 1}`)
      .getByText('回滚自版本 1')
      .waitFor()
  }, 60_000)
})
