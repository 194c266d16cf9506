import { describe, expect, it } from 'vitest'
import { acceptTerms, expectNoHorizontalOverflow, screenshot } from './support/browser'
import { outletJoinUrl, outletScene } from '../src/outlets/outlet-scene'
import { e2eQrSceneSecret } from './support/h5-server'
import { useServerAndPhone } from './support/server-and-phone'

describe('H5: a shopper logs in, joins from a store and sees tier and progress', () => {
  const { server, phone } = useServerAndPhone()

  it('serves the API and the H5 app on one port', async () => {
    const health = await fetch(`${server.baseUrl}/api/health`)
    expect(await health.json()).toMatchObject({ status: 'ok', database: 'sqlite' })
    const shell = await fetch(`${server.baseUrl}/`)
    expect(shell.headers.get('content-type')).toContain('text/html')
  })

  it('sends a new visitor to login, then to joining, then home', async () => {
    const { page } = phone
    await page.goto(`${server.baseUrl}${outletJoinUrl(outletScene(e2eQrSceneSecret, 'outlet_xuhui'))}`)
    await page.getByPlaceholder('请输入手机号').waitFor()
    await screenshot(page, '01-login')
    await expectNoHorizontalOverflow(page)

    await page.getByPlaceholder('请输入手机号').fill('12345')
    await acceptTerms(page)
    await page.getByText('登录', { exact: true }).click()
    await page.getByText('请输入正确的 11 位手机号').first().waitFor()

    await page.getByPlaceholder('请输入手机号').fill('13912345678')
    await acceptTerms(page)
    await page.getByText('登录', { exact: true }).click()
    await page.getByText('立即开通会员').waitFor()
    await page.getByText('徐汇旗舰店 邀请您加入会员').waitFor()
    await screenshot(page, '02-join')
    await expectNoHorizontalOverflow(page)

    await page.getByText('立即开通会员').click()
    await page.getByText('再得 500 成长值升级白银会员').waitFor()
    await expect(page.getByText('普通会员').first().isVisible()).resolves.toBe(true)
    await screenshot(page, '03-home')
    await expectNoHorizontalOverflow(page)

    const member = await server.db
      .selectFrom('members')
      .select(['joined_at', 'source_outlet_id', 'source_channel'])
      .where('phone', '=', '13912345678')
      .executeTakeFirstOrThrow()
    expect(member).toMatchObject({ source_outlet_id: 'outlet_xuhui', source_channel: 'outlet_qr' })
    expect(member.joined_at).not.toBeNull()
  })

  it('refuses a forged store QR scene with a clear message and joins without a store', async () => {
    const { page } = phone
    const forged = outletScene(e2eQrSceneSecret, 'outlet_xuhui')!.replace('outlet_xuhui', 'outlet_jingan')
    await page.evaluate(() => localStorage.clear())
    await page.goto('about:blank') // a fresh load, so the app starts without the previous session in memory
    await page.goto(`${server.baseUrl}${outletJoinUrl(forged)}`)
    await page.getByPlaceholder('请输入手机号').fill('13912345679')
    await acceptTerms(page)
    await page.getByText('登录', { exact: true }).click()
    await page.getByText('门店码已失效，请向店员索取新码').waitFor()
    await screenshot(page, '02b-join-forged-scene')
    await page.getByText('立即开通会员').click()
    await page.getByText('再得 500 成长值升级白银会员').waitFor()
    const member = await server.db
      .selectFrom('members')
      .select(['source_outlet_id', 'source_channel'])
      .where('phone', '=', '13912345679')
      .executeTakeFirstOrThrow()
    expect(member).toEqual({ source_outlet_id: null, source_channel: 'shop' })
  })

  it('keeps the member logged in across a reload and logs out back to login', async () => {
    const { page } = phone
    await page.reload()
    await page.getByText('再得 500 成长值升级白银会员').waitFor()
    // Logout sits with the account's settings under 我的 (个人资料), not on home.
    await page.getByText('个人资料').click()
    await page.getByRole('button', { name: '退出登录' }).click()
    await page.getByPlaceholder('请输入手机号').waitFor()
  })
})
