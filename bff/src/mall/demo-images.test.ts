import { describe, expect, it } from 'vitest'
import { demoMallItems } from '../setup/demo-mall-items'
import { adminCall, memberWithPoints } from '../test/mall-fixtures'
import { useTestApp } from '../test/test-app'

const t = useTestApp({}, { verifyLedgers: false })

describe('the demo mall shows pictures drawn for it (issue 16)', () => {
  it('gives every demo item a picture the BFF serves as an SVG', async () => {
    for (const item of demoMallItems) {
      expect(item.images, item.title).toHaveLength(1)
      const response = await t.app.request(item.images[0])
      expect(response.status, item.images[0]).toBe(200)
      expect(response.headers.get('content-type')).toBe('image/svg+xml')
      expect(response.headers.get('content-security-policy')).toContain('sandbox')
      expect(await response.text()).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*viewBox="0 0 600 600"/)
    }
  })

  it.each(['/demo/mall/missing.svg', '/demo/mall/..%2F..%2Fpackage.json', '/demo/mall/README.md'])(
    'answers %s with a JSON 404 and no file',
    async (path) => {
      const response = await t.app.request(path)
      expect(response.status).toBe(404)
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('UPLOAD_NOT_FOUND')
    },
  )

  it('keeps the pictures when a demo item is saved, and the member sees them as its cover', async () => {
    const created = await adminCall(t, 'POST', '/api/admin/mall/items', demoMallItems[0])
    expect(created.status).toBe(201)
    const { token } = await memberWithPoints(t, 0)
    const list = await t.json('GET', '/api/mall/items', undefined, token)
    const shown = list.body.items.find((i: { id: string }) => i.id === created.body.item.id)
    expect(shown.images).toEqual(['/demo/mall/canvas-bag.svg'])
  })
})
