import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { screenshotDir } from './support/browser'
import { useServerAndPhone } from './support/server-and-phone'

describe('the API reference at /api/docs', () => {
  const { server, phone: browser } = useServerAndPhone()

  it('renders the generated document from this server alone: the title and the operations', async () => {
    const { page } = browser
    await page.setViewportSize({ width: 1280, height: 900 })
    const requested: string[] = []
    page.on('request', (request) => {
      requested.push(request.url())
    })

    await page.goto(`${server.baseUrl}/api/docs`)
    await page.getByRole('heading', { name: 'Member Center API' }).first().waitFor()
    // An operation from the routes: the health check's summary, and its path.
    await page.getByText('Version and database kind').first().waitFor()
    await page.getByText('/api/health').first().waitFor()

    mkdirSync(screenshotDir, { recursive: true })
    await page.screenshot({ path: join(screenshotDir, 'api-docs.png') })

    // The order webhook, opened from the sidebar: its signed-body contract and answers as the routes describe them.
    await page.getByText('Shop (signed)', { exact: true }).first().click()
    await page.getByText('Order events from the shop').first().click()
    await page.getByText('MEMBER_NOT_FOUND').first().waitFor()
    await page.screenshot({ path: join(screenshotDir, 'api-docs-order-webhook.png') })

    const origins = [...new Set(requested.filter((url) => /^https?:/.test(url)).map((url) => new URL(url).origin))]
    expect(origins).toEqual([server.baseUrl])
    expect(requested).toContain(`${server.baseUrl}/api/openapi.json`)
  })
})
