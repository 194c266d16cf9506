import type { Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { apiCaller } from './support/api'
import { acceptTerms, expectNoHorizontalOverflow, screenshot, waitForPage } from './support/browser'
import { e2eClock, e2eMonthStart } from './support/e2e-clock'
import { e2eAdminToken } from './support/h5-server'
import { memberIdByPhone, useServerAndPhone } from './support/server-and-phone'

const phoneNo = '13900001616'

/** What a button's label looks like: its colour, its own background, and the colours seen behind it. */
interface LabelLook {
  color: string
  ownBackground: string
  /** Every opaque colour the label may sit on: one, or the stops of a gradient (translucent layers composited). */
  backdrops: string[]
}

/**
 * Reads a NutUI button's label (`.nut-button-children`) in the page: its colour, its own background colour, and
 * what is behind it, found by walking up from the label to the first element that paints a background (a colour
 * or a gradient's stops), compositing translucent layers over what lies beneath them. Written as one arrow
 * function with no named helpers, since Playwright sends its source text to the page.
 */
const readLabel = (button: Locator): Promise<LabelLook> =>
  button.locator('.nut-button-children').evaluate((label) => {
    const parse = (text: string) => {
      const n = (text.match(/[\d.]+/g) ?? []).map(Number)
      return { r: n[0], g: n[1], b: n[2], a: n.length > 3 ? n[3] : 1 }
    }
    const over = (top: string, below: string) => {
      const t = parse(top)
      const b = parse(below)
      const mix = (x: number, y: number) => Math.round(x * t.a + y * (1 - t.a))
      return `rgb(${mix(t.r, b.r)}, ${mix(t.g, b.g)}, ${mix(t.b, b.b)})`
    }
    // A gradient's stops, composited over the element's own colour; an opaque gradient hides that colour.
    const paints = (el: Element) => {
      const style = getComputedStyle(el)
      const stops = (style.backgroundImage.match(/rgba?\([^)]*\)/g) ?? []).filter((c) => parse(c).a > 0)
      const own = parse(style.backgroundColor).a > 0 ? [style.backgroundColor] : []
      if (stops.length === 0) return own
      if (own.length === 0 || parse(own[0]).a < 1) return stops
      return stops.map((c) => (parse(c).a >= 1 ? c : over(c, own[0])))
    }
    const behind = (start: Element | null): string[] => {
      for (let el = start; el; el = el.parentElement) {
        const colours = paints(el)
        if (colours.length === 0) continue
        if (colours.every((c) => parse(c).a >= 1)) return colours
        const beneath = behind(el.parentElement)
        return colours.flatMap((c) => (parse(c).a >= 1 ? [c] : beneath.map((b) => over(c, b))))
      }
      return ['rgb(255, 255, 255)']
    }
    return {
      color: getComputedStyle(label).color,
      ownBackground: getComputedStyle(label).backgroundColor,
      backdrops: behind(label),
    }
  })

/** WCAG 2 relative luminance of an `rgb()`/`rgba()` colour. */
function luminance(colour: string): number {
  const [r, g, b] = (colour.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
    const s = Number(v) / 255
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  })
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

/** WCAG contrast ratio of two opaque colours, 1 to 21. */
function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (light + 0.05) / (dark + 0.05)
}

/** A translucent label colour as seen on `backdrop`. */
function seenOn(colour: string, backdrop: string): string {
  const [r, g, b, a = 1] = (colour.match(/[\d.]+/g) ?? []).map(Number)
  const [br, bg, bb] = (backdrop.match(/[\d.]+/g) ?? []).map(Number)
  const mix = (x: number, y: number) => Math.round(x * a + y * (1 - a))
  return `rgb(${mix(r, br)}, ${mix(g, bg)}, ${mix(b, bb)})`
}

const transparent = 'rgba(0, 0, 0, 0)'

/**
 * The label is readable: no box of its own behind it (NutUI paints one on disabled and loading buttons), and at
 * least 3:1 against every colour behind it (WCAG's minimum for large text and controls).
 */
async function expectReadable(button: Locator, what: string, labelColour?: string): Promise<void> {
  const look = await readLabel(button)
  // Taro's H5 button rules colour the button black, so a label that stops taking NutUI's own colour turns black.
  if (labelColour) expect.soft(look.color, `${what}: the label's colour`).toBe(labelColour)
  // Soft: one run reports every unreadable state, not only the first.
  expect.soft(look.ownBackground, `${what}: the label's own background`).toBe(transparent)
  const worst = Math.min(...look.backdrops.map((b) => contrast(seenOn(look.color, b), b)))
  expect.soft(worst, `${what}: ${look.color} on ${look.backdrops.join(' / ')}`).toBeGreaterThanOrEqual(3)
}

const white = 'rgb(255, 255, 255)'

/** Holds the next request matching `url` until `release()` is called, to look at a button while it loads. */
async function holdRequest(page: Page, url: string) {
  let arrived = false
  let release = () => {}
  const released = new Promise<void>((resolve) => {
    release = resolve
  })
  let continued: Promise<void> = Promise.resolve()
  await page.route(url, (route) => {
    arrived = true
    continued = released.then(() => route.continue())
    return continued
  })
  return {
    arrived: () => expect.poll(() => arrived).toBe(true),
    release: async () => {
      release()
      await continued
      await page.unroute(url)
    },
  }
}

describe('H5: the sign-in page and button states', () => {
  const { server, phone } = useServerAndPhone()
  const api = apiCaller(() => server.baseUrl)
  let memberToken: string
  let memberId: string
  const signInButton = (page: Page) => page.locator('.sign-in__button')
  const toast = (page: Page, text: string) => page.locator('.nut-toast').getByText(text)
  // By the number shown, not an attribute, so the same locator finds the cell in builds before and after.
  const dayCell = (page: Page, n: number) =>
    page.locator('.sign-cal__cell').filter({ has: page.locator('.sign-cal__num', { hasText: new RegExp(`^${n}$`) }) })

  it('login: the 登录 button is readable idle and while logging in', async () => {
    const { page } = phone
    await page.goto(`${server.baseUrl}/#/pages/login/index`)
    await page.getByPlaceholder('请输入手机号').fill(phoneNo)
    await acceptTerms(page)
    const button = page.getByRole('button', { name: '登录' })
    await waitForPage(page, button)
    await expectReadable(button, 'login idle', white)
    const login = await holdRequest(page, '**/api/auth/local')
    await button.click()
    await login.arrived()
    await expect.poll(() => button.getAttribute('class')).toContain('nut-button-loading')
    await expectReadable(button, 'login loading')
    await screenshot(page, '16-01-login-loading')
    await login.release()
    await page.getByText('立即开通会员').click()
    await page.getByText('每日签到', { exact: true }).waitFor()
    memberToken = (await api('POST', '/api/auth/local', null, { phone: phoneNo })).body.token
    memberId = await memberIdByPhone(server, phoneNo)
    // Joined on the 10th of the e2e month (mid-month, eight days before the clock): days before it were never the
    // member's to miss, the days after it are missed days that may be made up.
    const joinedAt = new Date(Date.parse(e2eMonthStart()) + 9 * 86_400_000)
    expect(joinedAt.getTime()).toBeLessThan(e2eClock.now().getTime() - 3 * 86_400_000)
    await server.db
      .updateTable('members')
      .set({ joined_at: joinedAt.toISOString() })
      .where('id', '=', memberId)
      .execute()
  })

  it('sign-in: the button is readable before, while and after signing in', async () => {
    const { page } = phone
    await page.getByText('每日签到', { exact: true }).click()
    const button = signInButton(page)
    await waitForPage(page, page.getByRole('button', { name: '签到', exact: true }))
    await expectReadable(button, 'sign-in idle')
    await screenshot(page, '16-02-sign-in-idle')
    const signIn = await holdRequest(page, '**/api/sign-in')
    await button.click()
    await signIn.arrived()
    await expectReadable(button, 'sign-in loading')
    await signIn.release()
    await page.getByRole('button', { name: '今日已签到' }).waitFor()
    await expectReadable(button, 'sign-in done (disabled)', white)
    await expectNoHorizontalOverflow(page)
    await screenshot(page, '16-03-sign-in-done')
  })

  it('answers a tap on every kind of day: signed, future, before joining; a missed day asks to make up', async () => {
    const { page } = phone
    const tap = async (day: string, answer: string) => {
      await dayCell(page, Number(day.slice(8))).click()
      await toast(page, answer).waitFor()
      await toast(page, answer).waitFor({ state: 'detached' })
    }
    const today = (await api('GET', '/api/sign-in/calendar', memberToken)).body.today.day as string
    const month = today.slice(0, 7)
    await tap(today, '今天已签到，明天再来')
    await tap(`${month}-28`, '还没到这一天，到时再来签到')
    await tap(`${month}-05`, '这天您还未开通会员，无需补签')
    await dayCell(page, 12).click()
    await page.getByText('确认补签', { exact: true }).first().waitFor()
    await screenshot(page, '16-04-make-up-confirm')
    await page.getByText('取消', { exact: true }).click()
  })

  it('says so when no make-up is left this month', async () => {
    const { page } = phone
    const points = { ledger: 'points', amount: 100, reason: '测试补签积分' }
    const adjusted = await api('POST', `/api/admin/members/${memberId}/adjustments`, e2eAdminToken, points, {
      'idempotency-key': 'e2e-sign-in-page-points',
    })
    expect(adjusted.status).toBe(201)
    const month = e2eMonthStart().slice(0, 7)
    for (const day of ['11', '12'])
      expect((await api('POST', '/api/sign-in/make-up', memberToken, { day: `${month}-${day}` })).status).toBe(201)
    await page.waitForTimeout(500)
    await expect(page.getByText('本月可补签 2/2 次').count()).resolves.toBe(1)
    // The phone comes back to the app (Taro's H5 router shows the page again on visibilitychange): the page
    // refetches, and the make-ups made meanwhile are there.
    await page.evaluate(() => window.dispatchEvent(new Event('visibilitychange')))
    await page.getByText('本月可补签 0/2 次').waitFor()
    await dayCell(page, 13).click()
    await toast(page, '本月 2 次补签机会已用完').waitFor()
    await screenshot(page, '16-05-no-make-up-left')
  })

  it('turns the day over while the page stays open: 今日已签到 becomes 签到 at the day start', async () => {
    const { page } = phone
    await page.getByRole('button', { name: '今日已签到' }).waitFor()
    const { nextDayStartsAt } = (await api('GET', '/api/sign-in/calendar', memberToken)).body
    await phone.advanceTime(Date.parse(nextDayStartsAt) - e2eClock.now().getTime() - 1_000)
    await page.waitForTimeout(500)
    await expect(page.getByRole('button', { name: '今日已签到' }).count()).resolves.toBe(1)
    await phone.advanceTime(1_000)
    await page.getByRole('button', { name: '签到', exact: true }).waitFor()
    await expectReadable(signInButton(page), 'sign-in on the new day')
    await screenshot(page, '16-06-next-day')
    await page.setViewportSize({ width: 320, height: 640 })
    await expectNoHorizontalOverflow(page)
    await expectReadable(signInButton(page), 'sign-in at 320 px')
    await screenshot(page, '16-06-next-day-320')
    await page.setViewportSize({ width: 375, height: 812 })
  })

  it('benefits: the 领取 button is readable idle and while claiming', async () => {
    const { page } = phone
    const growth = { ledger: 'growth', amount: 500, reason: '测试升级' }
    const adjusted = await api('POST', `/api/admin/members/${memberId}/adjustments`, e2eAdminToken, growth, {
      'idempotency-key': 'e2e-sign-in-page-growth',
    })
    expect(adjusted.status).toBe(201)
    await page.goto(`${server.baseUrl}/#/benefits/pages/list/index`)
    await page.reload()
    const button = page.getByRole('button', { name: '领取' }).first()
    await waitForPage(page, button)
    await expectReadable(button, '领取 idle', white)
    const claim = await holdRequest(page, '**/api/me/benefits/*/claim')
    await button.click()
    await claim.arrived()
    await expect.poll(() => button.getAttribute('class')).toContain('nut-button-loading')
    await expectReadable(button, '领取 loading')
    await screenshot(page, '16-07-benefits-claiming')
    await claim.release()
    await page.getByText('已领取', { exact: true }).first().waitFor()
  })
})
