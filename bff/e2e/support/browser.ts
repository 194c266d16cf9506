import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core'
import { e2eClock } from './e2e-clock'

/** Screenshots land in the ignored `.artifacts/screenshots/`; look at them after a run. */
export const screenshotDir = join(import.meta.dirname, '../../../.artifacts/screenshots')

/** A phone on the e2e clock; `advanceTime` moves the server's and this browser's clocks forward together. */
export interface Phone {
  context: BrowserContext
  page: Page
  advanceTime(ms: number): Promise<void>
  close(): Promise<void>
}

/** The browser's window: a 375×812 phone unless a spec asks for another (the console's desktop). */
export interface Screen {
  width: number
  height: number
  isMobile: boolean
}

const phoneScreen: Screen = { width: 375, height: 812, isMobile: true }

/**
 * Debian's Chromium as a 375×812 phone (or `screen`), with a fresh profile every time. Its clock is Playwright's,
 * set to the e2e server's time and running from there, so pages that compute today (the sign-in month, the member
 * code's and the cashier's countdowns, the session's expiry) agree with the server.
 */
export async function openPhone(screen: Screen = phoneScreen): Promise<Phone> {
  const profile = mkdtempSync(join(tmpdir(), 'mc-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: screen.width, height: screen.height },
    deviceScaleFactor: screen.isMobile ? 2 : 1,
    isMobile: screen.isMobile,
    hasTouch: screen.isMobile,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  })
  await context.clock.install({ time: e2eClock.now() })
  const page = context.pages()[0] ?? (await context.newPage())
  return {
    context,
    page,
    advanceTime: async (ms: number) => {
      e2eClock.advanceMs(ms)
      // Jumps the page's clock and fires the timers that came due, as a phone waking after `ms` would.
      await context.clock.fastForward(ms)
    },
    close: async () => {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}

/** Captures the whole page once Taro's slide-in transition has finished, so the picture shows the page as it rests. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true })
  await settledOverflow(page)
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true })
}

/**
 * Waits for a page to be on screen and at rest: `content` (something only that page shows once its data has
 * loaded) is visible, and Taro's slide-in transition has finished, since mid-transition the page sits partly
 * off screen and widens the document.
 */
export async function waitForPage(page: Page, content: Locator): Promise<void> {
  await content.waitFor()
  await settle(page)
}

/**
 * Waits until every visible Taro page sits at the left edge with no animation running and no transform left. Taro
 * lifts a shown page's `translate(0, 0)` by a timer of its own (`taro_page_stationed`), a moment after the slide's
 * transition ends; until then the page, not the phone, is what its fixed elements are fixed to, so a fixed bottom
 * bar scrolls with the page (seen: a tab bar 297 px above the bottom of the phone after scrolling to the end).
 */
export async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const pages = Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).filter(
      (el) => el.offsetParent !== null,
    )
    return (
      pages.length > 0 &&
      pages.every(
        (el) =>
          Math.abs(el.getBoundingClientRect().left) < 0.5 &&
          el.getAnimations().length === 0 &&
          getComputedStyle(el).transform === 'none',
      )
    )
  })
}

/**
 * Fails the test if the page is wider than the phone: horizontal overflow is a layout bug. Taro's H5 pages
 * slide in from the side, so the check waits up to two seconds for the width to settle; a real overflow stays.
 * A page with nothing rendered yet cannot overflow, so the check first insists on some rendered text.
 */
export async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  // innerText, unlike textContent, leaves out what is not rendered, such as the pages Taro keeps hidden below.
  // biome-ignore lint/performance/useDomNodeTextContent: only rendered text says the page is on screen
  await page
    .waitForFunction(() => document.body.innerText.trim().length > 0, undefined, { timeout: 10_000 })
    .catch(() => {
      throw new Error('nothing is rendered yet: an overflow check here would measure nothing')
    })
  const overflow = await settledOverflow(page)
  if (overflow > 0) throw new Error(`page overflows the viewport by ${overflow}px`)
}

/** How far the page is wider than the viewport, after waiting up to two seconds for it to stop being so. */
async function settledOverflow(page: Page): Promise<number> {
  let overflow = 0
  for (let attempt = 0; attempt < 20; attempt += 1) {
    overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    if (overflow <= 0) return 0
    await page.waitForTimeout(100)
  }
  return overflow
}

/**
 * Ticks the login page's consent to 《用户协议》 and 《隐私政策》 unless it is ticked already (login refuses until it
 * is): a second call after a refused attempt must not untick it.
 */
export async function acceptTerms(page: Page): Promise<void> {
  const consent = page.locator('[data-testid="login-consent"]:visible')
  if (!((await consent.getAttribute('class')) ?? '').includes('login__consent--agreed'))
    await consent.locator('.login__consent-box').click()
}

/** Logs in on the H5 login page with the local provider and joins, as a new shopper does. */
export async function loginAndJoin(page: Page, baseUrl: string, phone: string): Promise<void> {
  await page.goto(`${baseUrl}/#/pages/login/index`)
  await page.getByPlaceholder('请输入手机号').fill(phone)
  await acceptTerms(page)
  await page.getByText('登录', { exact: true }).click()
  await page.getByText('立即开通会员').click()
}
