import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { apiCaller } from './support/api'
import {
  expectConsoleFits,
  loginAs,
  loginAsOwner,
  merchantLoginPath,
  merchantViewports,
  openConsoleBrowser,
  openConsoleSection,
  screenshotConsole,
  useServerAndConsole,
} from './support/merchant'

describe.each(merchantViewports)('H5 merchant console on a $name ($width×$height)', (viewport) => {
  const { server, browser: owner } = useServerAndConsole(viewport)
  let page: Page
  const api = apiCaller(() => server.baseUrl)
  const login = `li.${viewport.name}`
  let oneTimePassword = ''

  beforeAll(() => {
    page = owner.page
  })

  it('refuses a wrong password in Chinese, then logs the owner in to the console home', async () => {
    await page.goto(`${server.baseUrl}${merchantLoginPath}`)
    await page.getByPlaceholder('登录名').waitFor()
    await screenshotConsole(page, 'merchant-console-login', viewport)
    await expectConsoleFits(page)

    await page.getByPlaceholder('登录名').fill('owner')
    await page.getByPlaceholder('密码', { exact: true }).fill('not-the-password')
    await page.getByRole('button', { name: '登录', exact: true }).click()
    await expect.poll(() => page.getByTestId('merchant-login-problem').textContent()).toBe('登录名或密码错误')

    await loginAsOwner(page, server.baseUrl)
    await page.getByTestId('today-joins').waitFor()
    await page.getByTestId('needs-attention').waitFor()
    await page.getByTestId('shortcut-operators').waitFor()
    await screenshotConsole(page, 'merchant-console-home', viewport)
    await expectConsoleFits(page)
  }, 60_000)

  it('creates an operator and shows the one-time password once', async () => {
    await openConsoleSection(page, 'operators', viewport)
    await page.getByTestId('operator-owner').waitFor()
    await page.getByTestId('operator-create').click()
    const dialog = page.getByTestId('operator-dialog')
    await dialog.getByPlaceholder('例如 zhang.san').fill(login)
    await dialog.getByPlaceholder('同事的姓名').fill('李运营')
    await dialog.getByTestId('role-operator').click()
    await screenshotConsole(page, 'merchant-console-operator-new', viewport)
    await page.getByTestId('operator-save').click()

    const secret = page.getByTestId('one-time-password')
    await secret.waitFor()
    oneTimePassword = (await secret.textContent())?.trim() ?? ''
    expect(oneTimePassword.length).toBeGreaterThanOrEqual(10)
    await screenshotConsole(page, 'merchant-console-one-time-password', viewport)
    await expectConsoleFits(page)
    await page.getByRole('button', { name: '我已妥善保存' }).click()
    await secret.waitFor({ state: 'detached' })

    const row = page.getByTestId(`operator-${login}`)
    await row.getByText('待修改初始密码').waitFor()
    await row.getByText('运营', { exact: true }).waitFor()
  }, 60_000)

  it('makes the new operator, in a browser of their own, change the password before anything else', async () => {
    const colleague = await openConsoleBrowser(viewport)
    try {
      const theirs = colleague.page
      await loginAs(theirs, server.baseUrl, login, oneTimePassword)
      await theirs.getByTestId('merchant-force-password').waitFor()
      // The one-time password just typed is the current one; only the new one is asked for.
      expect(await theirs.getByPlaceholder('当前密码').count()).toBe(0)
      await theirs.getByPlaceholder('新密码', { exact: true }).fill('short')
      await theirs.getByTestId('password-submit').click()
      await theirs.getByText('密码至少 10 位').waitFor()
      await theirs.getByPlaceholder('新密码', { exact: true }).fill('li-new-pass-2026')
      await theirs.getByPlaceholder('再次输入新密码').fill('li-new-pass-2026')
      await screenshotConsole(theirs, 'merchant-console-force-password', viewport)
      await expectConsoleFits(theirs)
      await theirs.getByTestId('password-submit').click()

      await theirs.getByTestId('merchant-home').waitFor()
      // An operator runs the program but neither manages accounts nor reads the audit log.
      const prefix = viewport.name === 'desktop' ? 'console-nav' : 'console-tab'
      await theirs.getByTestId(`${prefix}-members`).waitFor()
      expect(await theirs.getByTestId(`${prefix}-operators`).count()).toBe(0)
      expect(await theirs.getByTestId(`${prefix}-audit`).count()).toBe(0)
      await screenshotConsole(theirs, 'merchant-console-home-operator', viewport)

      // 修改密码 lives in the shell: the account menu on a phone, the side bar's foot on a desktop.
      if (viewport.name === 'phone') {
        await theirs.getByTestId('console-account').click()
        await theirs.locator('.console__menu').getByText('修改密码').click()
      } else {
        await theirs.locator('.console__side').getByText('修改密码').click()
      }
      const dialog = theirs.getByRole('dialog', { name: '修改密码' })
      await dialog.getByPlaceholder('当前密码').fill('wrong-pass-2026')
      await dialog.getByPlaceholder('新密码', { exact: true }).fill('li-other-pass-2026')
      await dialog.getByPlaceholder('再次输入新密码').fill('li-other-pass-2026')
      await dialog.getByTestId('password-submit').click()
      await dialog.getByText('当前密码不正确').waitFor()
      await screenshotConsole(theirs, 'merchant-console-change-password', viewport)
      await expectConsoleFits(theirs)
      await dialog.getByRole('button', { name: '取消' }).click()
      await dialog.waitFor({ state: 'detached' })
    } finally {
      await colleague.close()
    }
    const relogin = await api('POST', '/api/operator/login', null, { login, password: 'li-new-pass-2026' })
    expect(relogin.status).toBe(200)
    expect(relogin.body.operator.mustChangePassword).toBe(false)
  }, 90_000)

  it('creates an API key with chosen permissions and shows the secret once', async () => {
    await page.getByTestId('operator-owner').waitFor()
    await page.getByTestId('api-key-create').click()
    const dialog = page.getByTestId('api-key-dialog')
    await dialog.getByPlaceholder('例如 ERP 订单同步').fill('报表脚本')
    await dialog.getByTestId('permission-dashboard.read').click()
    await dialog.getByTestId('permission-members.read').click()
    await screenshotConsole(page, 'merchant-console-api-key-new', viewport)
    await page.getByTestId('api-key-save').click()

    const secretNode = page.getByTestId('api-key-secret')
    await secretNode.waitFor()
    const secret = (await secretNode.textContent())?.trim() ?? ''
    expect(secret.length).toBeGreaterThan(16)
    await screenshotConsole(page, 'merchant-console-api-key-secret', viewport)
    await page.getByRole('button', { name: '我已妥善保存' }).click()
    await secretNode.waitFor({ state: 'detached' })
    expect(await page.getByText(secret).count()).toBe(0)

    // The key works for what it was given and nothing more.
    expect((await api('GET', '/api/admin/dashboard/today', secret)).status).toBe(200)
    expect((await api('GET', '/api/admin/audit-log', secret)).status).toBe(403)
    await page.getByText('报表脚本').waitFor()
    await screenshotConsole(page, 'merchant-console-operators', viewport)
    await expectConsoleFits(page)
  }, 60_000)

  it('finds the operator creation in the audit log', async () => {
    await openConsoleSection(page, 'audit', viewport)
    const created = page.getByTestId('audit-operator.created').filter({ hasText: login })
    await created.waitFor()
    await created.getByText('新建后台账号').waitFor()
    await created.getByText('演示店主').waitFor()
    await page.getByTestId('audit-api_key.created').first().waitFor()
    await screenshotConsole(page, 'merchant-console-audit', viewport)
    await expectConsoleFits(page)
  }, 60_000)

  it('logs out from the shell back to the merchant login', async () => {
    if (viewport.name === 'phone') {
      await page.getByTestId('console-account').click()
      await page.locator('.console__menu').getByText('退出登录').click()
    } else {
      await page.locator('.console__side').getByText('退出登录').click()
    }
    await page.getByPlaceholder('登录名').waitFor()
    expect(await page.evaluate(() => localStorage.getItem('mc.operator-session'))).toBeNull()
  }, 30_000)
})
