import type { Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { expectNoHorizontalOverflow, openPhone, screenshot, settle, type Phone } from './browser'
import { startH5Server } from './h5-server'
import type { H5Server } from './server-and-phone'

/** The demo owner seeded by `npm start` and the e2e server; never asked to change the password. */
export const demoOwner = { login: 'owner', password: 'demo-owner-2026' } as const

export interface MerchantViewport {
  /** Goes into screenshot names: `merchant-home-phone`, `merchant-home-desktop`. */
  name: 'phone' | 'desktop'
  width: number
  height: number
  isMobile: boolean
}

/** Every console page is checked on a phone and on a desktop. */
export const merchantViewports: MerchantViewport[] = [
  { name: 'phone', width: 375, height: 812, isMobile: true },
  { name: 'desktop', width: 1280, height: 800, isMobile: false },
]

export const merchantLoginPath = '/#/merchant/pages/login/index'

/**
 * A fresh browser at `viewport` on the e2e clock; close it after the describe block. A second one is a second
 * person: nothing is shared with the first.
 */
export const openConsoleBrowser = (viewport: MerchantViewport): Promise<Phone> => openPhone(viewport)

/**
 * The console browser of one describe block at `viewport`: open before its tests (and before any hook registered
 * after this call), closed after them. The object is filled in then, so read `.page` inside hooks and tests.
 */
export function useConsoleBrowser(viewport: MerchantViewport): Phone {
  const browser = {} as Phone
  beforeAll(async () => {
    Object.assign(browser, await openConsoleBrowser(viewport))
  })
  afterAll(async () => {
    await browser.close?.()
  })
  return browser
}

/**
 * A fresh server (see `startH5Server`) and a console browser at `viewport` for one describe block, filled in like
 * `useConsoleBrowser`; the browser closes before the server it talks to.
 */
export function useServerAndConsole(viewport: MerchantViewport, options?: Parameters<typeof startH5Server>[0]) {
  const server = {} as H5Server
  // Seeding the demo data shares two cores with another spec file (vitest.config.ts): room beyond the 60 s default.
  beforeAll(async () => {
    Object.assign(server, await startH5Server(options))
  }, 120_000)
  afterAll(async () => {
    await server.close?.()
  })
  // Registered after the server's hooks, so its afterAll runs first (vitest runs after-hooks as a stack).
  const browser = useConsoleBrowser(viewport)
  return { server, browser }
}

/** Logs in on the merchant login page and waits for the console home. */
export async function loginAs(page: Page, baseUrl: string, login: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}${merchantLoginPath}`)
  await page.getByPlaceholder('登录名').fill(login)
  await page.getByPlaceholder('密码', { exact: true }).fill(password)
  await page.getByRole('button', { name: '登录', exact: true }).click()
}

/**
 * Logs in as the demo owner and waits until the console home is on screen. `baseUrl` defaults to the origin the
 * page is already on.
 */
export async function loginAsOwner(page: Page, baseUrl: string = new URL(page.url()).origin): Promise<void> {
  await loginAs(page, baseUrl, demoOwner.login, demoOwner.password)
  await page.getByTestId('merchant-home').waitFor()
}

// Taro's H5 router scrolls each page inside its own element, not the document: the checks below measure that one.
const visiblePage = '.taro_page_show'

/** Fails when the console page on screen is wider than the viewport (document or Taro's page element). */
export async function expectConsoleFits(page: Page): Promise<void> {
  await settle(page)
  await expectNoHorizontalOverflow(page)
  const overflow = await page
    .locator(visiblePage)
    .last()
    .evaluate((el) => el.scrollWidth - el.clientWidth)
  if (overflow > 0) throw new Error(`the console page overflows its width by ${overflow}px`)
}

/**
 * A screenshot of the whole console page at `viewport`'s width: the window is made as tall as the page (Taro
 * scrolls inside the page element, so a full-page capture alone would stop at the first screen), then restored.
 * Saved as `<name>-<viewport.name>.png`.
 */
export async function screenshotConsole(page: Page, name: string, viewport: MerchantViewport): Promise<void> {
  await settle(page)
  const height = await page
    .locator(visiblePage)
    .last()
    .evaluate((el) => el.scrollHeight)
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, Math.min(height, 4000)) })
  await page.waitForTimeout(200)
  await screenshot(page, `${name}-${viewport.name}`)
  await page.setViewportSize({ width: viewport.width, height: viewport.height })
  await page.waitForTimeout(100)
}

/** Opens a console section through the navigation the layout shows: side bar on a desktop, tab strip on a phone. */
export async function openConsoleSection(page: Page, section: string, viewport: MerchantViewport): Promise<void> {
  const prefix = viewport.name === 'desktop' ? 'console-nav' : 'console-tab'
  await page.getByTestId(`${prefix}-${section}`).click()
}

/**
 * How many pixels of a chart's canvas are painted (a chart that drew nothing has none), or with `colour`, how many
 * are close to it: the marks of one series, not the axes and labels.
 */
export const chartPixels = (page: Page, testId: string, colour?: [number, number, number]) =>
  page
    .getByTestId(testId)
    .locator('canvas')
    .evaluate((el: HTMLCanvasElement, rgb) => {
      const data = el.getContext('2d')?.getImageData(0, 0, el.width, el.height).data ?? []
      let counted = 0
      for (let i = 0; i < data.length; i += 4) {
        if (rgb === null) {
          if (data[i + 3] > 0) counted += 1
          continue
        }
        const distance = Math.abs(data[i] - rgb[0]) + Math.abs(data[i + 1] - rgb[1]) + Math.abs(data[i + 2] - rgb[2])
        if (data[i + 3] > 200 && distance < 30) counted += 1
      }
      return counted
    }, colour ?? null)
