import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { acceptTerms, expectNoHorizontalOverflow, screenshot, waitForPage } from './support/browser'
import { outletJoinUrl, outletScene } from '../src/outlets/outlet-scene'
import { e2eAdminToken, e2eQrSceneSecret } from './support/h5-server'
import { useServerAndPhone } from './support/server-and-phone'

// 林小夏, a named demo shopper who has joined; the others are new phones that join on the way.
const member = { phone: '13800000001', nickname: '林小夏' }
const newShopper = '13900000071'

const shown = (page: Page) => page.locator('.taro_page_show').last()
const hashOf = (page: Page) => decodeURIComponent(new URL(page.url()).hash)

/** The pages Taro keeps in the document, bottom first: a clean history after login holds the destination only. */
async function taroStack(page: Page): Promise<string[]> {
  return await page.evaluate(() =>
    Array.from(document.querySelectorAll('.taro_page')).map((el) => el.id.replace(/^\/+/, '').split('?')[0] ?? ''),
  )
}

/** Screenshots the shown page at 375 and 320 px and checks that neither width overflows. */
async function bothWidths(page: Page, name: string) {
  await expectNoHorizontalOverflow(page)
  await screenshot(page, name)
  await page.setViewportSize({ width: 320, height: 640 })
  await page.waitForTimeout(300)
  await expectNoHorizontalOverflow(page)
  await screenshot(page, `${name}-320`)
  await page.setViewportSize({ width: 375, height: 812 })
  await page.waitForTimeout(300)
}

async function logInWith(page: Page, phoneNumber: string) {
  await page.getByPlaceholder('请输入手机号').fill(phoneNumber)
  await acceptTerms(page)
  await page.getByText('登录', { exact: true }).click()
}

/** Forgets the stored session, as a shopper who never logged in on this phone has none. */
async function logOut(page: Page) {
  if (page.url().startsWith('http')) await page.evaluate(() => window.localStorage.clear())
}

describe('H5: deep links survive login', () => {
  const { server, phone } = useServerAndPhone()
  let page: Page
  let itemId: string
  beforeAll(async () => {
    page = phone.page
    itemId = (
      await server.db.selectFrom('mall_items').select('id').where('title', '=', '品牌帆布袋').executeTakeFirstOrThrow()
    ).id
  })

  it('a mall item link opened without a session lands on that item after login, no login page behind', async () => {
    await page.goto(`${server.baseUrl}/#/mall/pages/item/index?id=${itemId}`)
    await waitForPage(page, page.getByPlaceholder('请输入手机号'))
    expect(hashOf(page)).toContain('/pages/login/index')
    await logInWith(page, member.phone)
    await waitForPage(page, shown(page).getByTestId('redeem-button'))
    expect(hashOf(page)).toContain(`/mall/pages/item/index?id=${itemId}`)
    await shown(page).getByText('品牌帆布袋').first().waitFor()
    expect(await taroStack(page)).toEqual(['mall/pages/item/index'])
    await bothWidths(page, 'entry-deep-link-item')
  })

  it('a checkout whose session expired comes back to the same checkout after login', async () => {
    await page.goto(`${server.baseUrl}/#/mall/pages/checkout/index?id=${itemId}`)
    await page.reload()
    await waitForPage(page, shown(page).getByTestId('checkout-confirm'))
    // The BFF forgets every session, as it does when one runs out; the next request is refused.
    await server.db.deleteFrom('sessions').execute()
    await page.reload()
    await waitForPage(page, page.getByPlaceholder('请输入手机号'))
    expect(hashOf(page)).toContain('/pages/login/index')
    await logInWith(page, member.phone)
    await waitForPage(page, shown(page).getByTestId('checkout-confirm'))
    expect(hashOf(page)).toContain(`/mall/pages/checkout/index?id=${itemId}`)
    expect(await taroStack(page)).toEqual(['mall/pages/checkout/index'])
  })

  it('a shopper who has not joined yet joins on the way and still lands on the item', async () => {
    await logOut(page)
    await page.goto(`${server.baseUrl}/#/mall/pages/item/index?id=${itemId}`)
    await page.reload()
    await waitForPage(page, page.getByPlaceholder('请输入手机号'))
    await logInWith(page, newShopper)
    await waitForPage(page, shown(page).getByText('立即开通会员'))
    await shown(page).getByText('立即开通会员').click()
    await waitForPage(page, shown(page).getByTestId('redeem-button'))
    expect(hashOf(page)).toContain(`/mall/pages/item/index?id=${itemId}`)
    expect(await taroStack(page)).toEqual(['mall/pages/item/index'])
  })

  it('a member page link (the tier page) also survives login', async () => {
    await logOut(page)
    await page.goto(`${server.baseUrl}/#/points/pages/history/index?type=points`)
    await page.reload()
    await waitForPage(page, page.getByPlaceholder('请输入手机号'))
    await logInWith(page, member.phone)
    await page.waitForFunction(() => window.location.hash.includes('/points/pages/history/index?type=points'))
    expect(await taroStack(page)).toEqual(['points/pages/history/index'])
  })
})

describe('H5: the shopper login page', () => {
  const { server, phone } = useServerAndPhone()

  it('takes a pasted or typed phone number with spaces, dashes or +86', async () => {
    const { page } = phone
    for (const [typed, how] of [
      ['+86 139 1234 0009', 'paste'],
      ['139-1234-0009', 'type'],
      ['139 1234 0009', 'paste'],
    ] as const) {
      await logOut(page)
      await page.goto(`${server.baseUrl}/#/pages/login/index`)
      await page.reload()
      const input = page.getByPlaceholder('请输入手机号')
      await waitForPage(page, input)
      await input.click()
      // insertText is what a paste delivers: one input event, bound by the field's maxlength as a paste is.
      if (how === 'paste') await page.keyboard.insertText(typed)
      else await page.keyboard.type(typed)
      await expect.poll(() => input.inputValue()).toBe('13912340009')
      await acceptTerms(page)
      if (typed === '+86 139 1234 0009') await screenshot(page, 'entry-login-pasted-phone')
      await page.getByText('登录', { exact: true }).click()
      await waitForPage(page, shown(page).getByText('立即开通会员'))
      expect(hashOf(page)).toContain('/membership/pages/join/index')
    }
  })

  it('shows shoppers no staff entry; staff reach their own login by its address', async () => {
    const { page } = phone
    await logOut(page)
    await page.goto(`${server.baseUrl}/#/pages/login/index`)
    await page.reload()
    await waitForPage(page, page.getByPlaceholder('请输入手机号'))
    await expect.poll(() => page.getByText('店员').count()).toBe(0)
    await bothWidths(page, 'entry-login')
    await page.goto(`${server.baseUrl}/#/staff/pages/login/index`)
    await page.reload()
    await waitForPage(page, shown(page).getByText('店员登录').last())
  })
})

describe('H5: consent to 《用户协议》 and 《隐私政策》 at login', () => {
  const { server, phone } = useServerAndPhone()

  it('refuses to log in until the box is ticked, and says why', async () => {
    const { page } = phone
    await page.goto(`${server.baseUrl}/#/pages/login/index`)
    await page.getByPlaceholder('请输入手机号').fill('13900000081')
    await page.getByText('登录', { exact: true }).click()
    await page.getByText('请先阅读并勾选同意《用户协议》和《隐私政策》').waitFor()
    await screenshot(page, 'entry-login-consent-refused')
    expect(hashOf(page)).toContain('/pages/login/index')
    expect(await server.db.selectFrom('members').select('id').where('phone', '=', '13900000081').execute()).toEqual([])
  })

  it('opens each document with its text, as the merchant last saved it', async () => {
    const { page } = phone
    await waitForPage(page, shown(page).getByText('《用户协议》', { exact: true }))
    await shown(page).getByText('《用户协议》', { exact: true }).click()
    await waitForPage(page, shown(page).getByText('一、会员资格', { exact: false }).first())
    await bothWidths(page, 'entry-legal-terms')
    await page.goBack()
    await waitForPage(page, shown(page).getByText('《隐私政策》', { exact: true }))
    await shown(page).getByText('《隐私政策》', { exact: true }).click()
    await waitForPage(page, shown(page).getByText('一、我们收集的信息', { exact: false }).first())
    await bothWidths(page, 'entry-legal-privacy')

    const saved = await fetch(`${server.baseUrl}/api/admin/legal/privacy`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${e2eAdminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        title: '会员隐私政策',
        body: '徐汇旗舰店所属公司只为计算会员等级、积分与权益使用您的手机号与消费记录，不出售给任何第三方，您可随时导出或注销。',
      }),
    })
    expect(saved.status).toBe(200)
    await page.reload()
    await waitForPage(page, shown(page).getByText('《会员隐私政策》'))
    await shown(page).getByText('不出售给任何第三方', { exact: false }).waitFor()
  })

  it('logs in once ticked', async () => {
    const { page } = phone
    await page.goto(`${server.baseUrl}/#/pages/login/index`)
    await page.reload()
    await page.getByPlaceholder('请输入手机号').fill('13900000081')
    await acceptTerms(page)
    await screenshot(page, 'entry-login-consent-ticked')
    await page.getByText('登录', { exact: true }).click()
    await waitForPage(page, shown(page).getByText('立即开通会员'))
  })
})

describe("H5: a member scans another store's QR code", () => {
  const { server, phone } = useServerAndPhone()

  it('is told they are a member already, with their tier and a way home, not invited to join', async () => {
    const { page } = phone
    await page.goto(`${server.baseUrl}/#/pages/login/index`)
    await logInWith(page, member.phone)
    await waitForPage(page, shown(page).getByText(member.nickname).first())
    await page.goto(`${server.baseUrl}${outletJoinUrl(outletScene(e2eQrSceneSecret, 'outlet_jingan'))}`)
    await page.reload()
    await waitForPage(page, shown(page).getByText('您已是会员'))
    await shown(page).getByText('黄金会员').first().waitFor()
    await shown(page).getByText('在静安嘉里店消费时出示会员码，同样累积成长值和积分').waitFor()
    expect(await shown(page).getByText('立即开通会员').count()).toBe(0)
    await bothWidths(page, 'entry-join-already-member')
    await shown(page).getByText('回到会员首页').click()
    await waitForPage(page, shown(page).getByText(member.nickname).first())
    expect(await taroStack(page)).toEqual(['pages/home/index'])
  })
})

describe('H5: offline, a shortcut to a page whose code is not downloaded yet', () => {
  const { server, phone } = useServerAndPhone()

  it('says the network is down, keeps history as it was, and opens the page once back online', async () => {
    const { page, context } = phone
    await page.goto(`${server.baseUrl}/#/pages/login/index`)
    await logInWith(page, member.phone)
    await waitForPage(page, shown(page).getByText(member.nickname).first())
    const historyLength = () => page.evaluate(() => window.history.length)
    const before = { length: await historyLength(), hash: hashOf(page) }

    await context.setOffline(true)
    await shown(page).getByText('每日签到', { exact: true }).click()
    await page.getByText('网络不可用，请检查网络后重试').waitFor()
    await screenshot(page, 'entry-offline-shortcut')
    await page.setViewportSize({ width: 320, height: 640 })
    await screenshot(page, 'entry-offline-shortcut-320')
    await page.setViewportSize({ width: 375, height: 812 })
    expect(await historyLength()).toBe(before.length)
    expect(hashOf(page)).toBe(before.hash)
    expect(await taroStack(page)).toEqual(['pages/home/index'])

    await context.setOffline(false)
    await shown(page).getByText('每日签到', { exact: true }).click()
    await page.waitForFunction(() => window.location.hash.includes('/sign-in/pages/calendar/index'))
    expect(await taroStack(page)).toEqual(['pages/home/index', 'sign-in/pages/calendar/index'])
    expect(await historyLength()).toBe(before.length + 1)
  })
})
