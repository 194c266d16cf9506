import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { acceptTerms, expectNoHorizontalOverflow, loginAndJoin, screenshot, waitForPage } from './support/browser'
import { e2eAdminToken } from './support/h5-server'
import {
  expectConsoleFits,
  loginAsOwner,
  merchantViewports,
  openConsoleSection,
  screenshotConsole,
  useServerAndConsole,
} from './support/merchant'
import { memberIdByPhone, useServerAndPhone } from './support/server-and-phone'

const shown = (page: Page) => page.locator('.taro_page_show').last()

const newTermsBody =
  '一、会员资格：年满十八周岁即可开通会员。\n\n二、积分：积分自获得之日起两年内有效，不可兑换现金；退款时按比例扣回所得成长值与积分。'

describe.each(merchantViewports)('merchant console: 用户协议 and 隐私政策 at $width px', (viewport) => {
  const { server, browser } = useServerAndConsole(viewport)
  let page: Page
  const shot = (name: string) => screenshotConsole(page, `merchant-legal-${name}`, viewport)

  beforeAll(() => {
    page = browser.page
  })

  it('opens from 会员规则 and shows each document with its version and that it is the default text', async () => {
    await loginAsOwner(page, server.baseUrl)
    await openConsoleSection(page, 'program', viewport)
    await page.getByTestId('open-legal').click()
    const terms = page.getByTestId('legal-terms')
    await terms.getByText('用户协议 · 第 1 版').waitFor({ timeout: 15_000 })
    await page.getByTestId('legal-privacy').getByText('隐私政策 · 第 1 版').waitFor()
    expect(await page.getByTestId('legal-terms-updated').textContent()).toBe('系统默认文本，尚未修改')
    expect(await page.locator('input[name="terms-title"]').inputValue()).toBe('用户协议')
    expect(await page.locator('textarea[name="terms-body"]').inputValue()).toContain('会员')
    await expectConsoleFits(page)
    await shot('page')
  })

  it('shows field errors for a bad document and saves nothing', async () => {
    await page.locator('input[name="terms-title"]').fill('')
    await page.locator('textarea[name="terms-body"]').fill('太短了')
    await page.getByTestId('legal-terms-save').click()
    await page.getByTestId('legal-terms').getByText('请填写标题').waitFor()
    await page.getByTestId('legal-terms').getByText('正文至少 50 个字').waitFor()
    await expectConsoleFits(page)
    await shot('errors')
    expect(await server.db.selectFrom('legal_documents').select('kind').execute()).toEqual([])
  })

  it('saves a new version, which shoppers then read, with its time', async () => {
    await page.locator('input[name="terms-title"]').fill('会员服务协议')
    await page.locator('textarea[name="terms-body"]').fill(newTermsBody)
    await page.getByTestId('legal-terms-save').click()
    await page.getByTestId('legal-terms-notice').getByText('已发布第 2 版').waitFor({ timeout: 15_000 })
    // The card names the kind; the merchant's title is in its field.
    await page.getByTestId('legal-terms').getByText('用户协议 · 第 2 版').waitFor()
    expect(await page.getByTestId('legal-terms-updated').textContent()).toMatch(
      /^最后更新 \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/,
    )
    const stored = await server.db.selectFrom('legal_documents').select(['kind', 'title', 'version']).execute()
    expect(stored).toEqual([{ kind: 'terms', title: '会员服务协议', version: 2 }])
    const audited = await server.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'legal.document.update')
      .execute()
    expect(audited).toHaveLength(1)
    const served = await (await fetch(`${server.baseUrl}/api/legal/terms`)).json()
    expect(served).toMatchObject({ title: '会员服务协议', body: newTermsBody, version: 2 })
    // Saving the same text again is no new version.
    await page.getByTestId('legal-terms-save').click()
    await page.getByTestId('legal-terms-notice').getByText('内容没有变化，仍为第 2 版').waitFor({ timeout: 15_000 })
    await expectConsoleFits(page)
    await shot('saved')
  })
})

describe('H5: a member accepts the agreements at login and again after an update', () => {
  const { server, phone } = useServerAndPhone()
  const member = '13800000001'
  const acceptedBy = async (phoneNumber: string) =>
    await server.db
      .selectFrom('legal_acceptances')
      .select(['kind', 'version'])
      .where('member_id', '=', await memberIdByPhone(server, phoneNumber))
      .orderBy('kind')
      .orderBy('version')
      .execute()

  it('records the versions the login page showed, and does not ask again on home', async () => {
    const { page } = phone
    await page.goto(`${server.baseUrl}/#/pages/login/index`)
    await page.getByPlaceholder('请输入手机号').fill(member)
    await acceptTerms(page)
    await page.getByText('登录', { exact: true }).click()
    await waitForPage(page, shown(page).getByText('会员等级').first())
    expect(await acceptedBy(member)).toEqual([
      { kind: 'privacy', version: 1 },
      { kind: 'terms', version: 1 },
    ])
    await page.waitForTimeout(500)
    expect(await page.getByTestId('legal-update-prompt').count()).toBe(0)
  })

  it('asks on the next open once a newer version is published; 同意并继续 records it', async () => {
    const { page } = phone
    const saved = await fetch(`${server.baseUrl}/api/admin/legal/terms`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${e2eAdminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: '会员服务协议', body: newTermsBody }),
    })
    expect(saved.status).toBe(200)
    await page.reload()
    const prompt = page.getByTestId('legal-update-prompt')
    await prompt.waitFor({ timeout: 15_000 })
    await prompt.getByText('《会员服务协议》').waitFor()
    expect(await prompt.getByText('《隐私政策》').count()).toBe(0)
    await expectNoHorizontalOverflow(page)
    await screenshot(page, 'legal-update-prompt')
    await page.setViewportSize({ width: 320, height: 640 })
    await page.waitForTimeout(300)
    await expectNoHorizontalOverflow(page)
    await screenshot(page, 'legal-update-prompt-320')
    await page.setViewportSize({ width: 375, height: 812 })

    // The link opens the new text; back on home the prompt is still there.
    await prompt.getByText('《会员服务协议》').click()
    await waitForPage(page, shown(page).getByText('积分自获得之日起两年内有效', { exact: false }).first())
    await page.goBack()
    await prompt.getByText('同意并继续', { exact: true }).click()
    await prompt.waitFor({ state: 'detached', timeout: 15_000 })
    expect(await acceptedBy(member)).toEqual([
      { kind: 'privacy', version: 1 },
      { kind: 'terms', version: 1 },
      { kind: 'terms', version: 2 },
    ])
    await page.reload()
    await waitForPage(page, shown(page).getByText('会员等级').first())
    await page.waitForTimeout(500)
    expect(await page.getByTestId('legal-update-prompt').count()).toBe(0)
  })

  it('records a new shopper’s consent once they have joined', async () => {
    const { page } = phone
    // A shopper new to this phone: no stored session and a fresh start of the app.
    await page.evaluate(() => window.localStorage.clear())
    await page.goto(`${server.baseUrl}/#/pages/login/index`)
    await page.reload()
    await loginAndJoin(page, server.baseUrl, '13900000093')
    await waitForPage(page, shown(page).getByText('会员等级').first())
    await expect
      .poll(() => acceptedBy('13900000093'), { timeout: 10_000 })
      .toEqual([
        { kind: 'privacy', version: 1 },
        { kind: 'terms', version: 2 },
      ])
    await page.waitForTimeout(500)
    expect(await page.getByTestId('legal-update-prompt').count()).toBe(0)
  })
})
