import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'

/** Screenshots land in the ignored `.artifacts/screenshots/`; look at them after a run. */
export const screenshotDir = join(import.meta.dirname, '../../../.artifacts/screenshots')

/** Debian's Chromium as a 375×812 phone, with a fresh profile every time. */
export async function openPhone(): Promise<{ context: BrowserContext; page: Page; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'mc-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 375, height: 812 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  })
  const page = context.pages()[0] ?? (await context.newPage())
  return {
    context,
    page,
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
 * Fails the test if the page is wider than the phone: horizontal overflow is a layout bug. Taro's H5 pages
 * slide in from the side, so the check waits up to two seconds for the width to settle; a real overflow stays.
 */
export async function expectNoHorizontalOverflow(page: Page): Promise<void> {
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

/** Logs in on the H5 login page with the local provider and joins, as a new shopper does. */
export async function loginAndJoin(page: Page, baseUrl: string, phone: string): Promise<void> {
  await page.goto(`${baseUrl}/#/pages/login/index`)
  await page.getByPlaceholder('请输入手机号').fill(phone)
  await page.getByText('登录', { exact: true }).click()
  await page.getByText('立即开通会员').click()
}
