import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { acceptTerms, screenshot, settle } from './support/browser'
import { loginAsOwner } from './support/merchant'
import { useServerAndPhone } from './support/server-and-phone'

/** What Chromium reports when the Content-Security-Policy blocks something: the directive and what it blocked. */
interface Violation {
  directive: string
  blocked: string
  sample: string
}

/**
 * Collects every `securitypolicyviolation` the page raises, from before the app's first script runs, so a
 * blocked script, style, image or request anywhere in the built app is seen.
 */
async function collectViolations(page: Page): Promise<() => Promise<Violation[]>> {
  await page.addInitScript(() => {
    const seen: unknown[] = []
    ;(window as unknown as { __cspViolations: unknown[] }).__cspViolations = seen
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push({ directive: event.effectiveDirective, blocked: event.blockedURI, sample: event.sample })
    })
  })
  return () => page.evaluate(() => (window as unknown as { __cspViolations: Violation[] }).__cspViolations)
}

describe('the Content-Security-Policy against the built H5 app in Chromium', () => {
  const { server, phone } = useServerAndPhone()

  it('loads the member app, its pages and the merchant console with no CSP violation', async () => {
    const { page } = phone
    const violations = await collectViolations(page)
    const document = await page.goto(`${server.baseUrl}/#/pages/login/index`)
    const policy = document?.headers()['content-security-policy'] ?? ''
    expect(policy).toMatch(/script-src 'self' 'unsafe-eval' 'sha256-[A-Za-z0-9+/]+=*'/)
    expect(policy).toContain("frame-ancestors 'none'")
    expect(document?.headers()['x-content-type-options']).toBe('nosniff')

    await page.getByPlaceholder('请输入手机号').fill('13800000001')
    await acceptTerms(page)
    await page.getByText('登录', { exact: true }).click()
    await page.getByText('黄金会员').first().waitFor()
    await settle(page)
    await screenshot(page, 'csp-member-home')
    await page.goto(`${server.baseUrl}/#/member-code/pages/code/index`)
    // The member code is drawn as data: URL images; they must have loaded, not been blocked. Only the shown page's
    // image counts: the router keeps earlier pages in the document, hidden.
    const code = page.locator('img[src^="data:"]:visible').first()
    await code.waitFor()
    await expect.poll(() => code.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true)
    for (const path of ['/#/mall/pages/list/index', '/#/points/pages/history/index']) {
      await page.goto(`${server.baseUrl}${path}`)
      await page.waitForLoadState('networkidle')
      await settle(page)
    }

    await page.goto('about:blank')
    await loginAsOwner(page, server.baseUrl)
    await page.waitForLoadState('networkidle')
    await screenshot(page, 'csp-merchant-home')
    expect(await violations()).toEqual([])
  })

  it('serves the API reference page (Scalar, its own inline scripts) with no CSP violation', async () => {
    const { page } = phone
    const violations = await collectViolations(page)
    await page.setViewportSize({ width: 1280, height: 900 })
    await page.goto(`${server.baseUrl}/api/docs`)
    await page.getByText('Version and database kind').first().waitFor()
    await page.waitForLoadState('networkidle')
    expect(await violations()).toEqual([])
  })

  it('would see a violation: an injected inline script is blocked and reported', async () => {
    const { page } = phone
    const violations = await collectViolations(page)
    await page.goto(`${server.baseUrl}/#/pages/login/index`)
    await page.waitForLoadState('load')
    const ran = await page.evaluate(() => {
      const script = document.createElement('script')
      script.textContent = 'window.__injectedRan = true'
      document.body.appendChild(script)
      return (window as unknown as { __injectedRan?: boolean }).__injectedRan === true
    })
    expect(ran).toBe(false)
    await expect.poll(async () => (await violations()).map((v) => v.directive)).toContain('script-src-elem')
  })
})
