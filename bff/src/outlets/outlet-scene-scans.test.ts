import { describe, expect, it } from 'vitest'
import { testAdminToken, testQrSceneSecret, useTestApp } from '../test/test-app'
import { outletScene } from './outlet-scene'

describe('each signed store-scene lookup counts as a scan (store funnel)', () => {
  const t = useTestApp({}, { verifyLedgers: false })
  const lookup = (scene: string) => t.json('GET', `/api/outlets/scene/${encodeURIComponent(scene)}`)
  const scans = () =>
    t.db.selectFrom('outlet_scene_scans').select(['outlet_id', 'business_day', 'created_at']).orderBy('id').execute()

  it('records one scan per lookup, dated by the business day of the lookup', async () => {
    const { body: outlet } = await t.json('POST', '/api/admin/outlets', { name: '徐家汇店' }, testAdminToken)
    t.clock.set('2026-11-23T02:00:00.000Z')
    expect((await lookup(outlet.scene)).status).toBe(200)
    // 17:00 UTC is 01:00 the next day in Shanghai.
    t.clock.set('2026-11-23T17:00:00.000Z')
    expect((await lookup(outlet.scene)).status).toBe(200)
    expect(await scans()).toEqual([
      { outlet_id: outlet.id, business_day: '2026-11-23', created_at: '2026-11-23T02:00:00.000Z' },
      { outlet_id: outlet.id, business_day: '2026-11-24', created_at: '2026-11-23T17:00:00.000Z' },
    ])
  })

  it('records nothing for a forged scene or a signed scene of a store that does not exist', async () => {
    const before = (await scans()).length
    const { body: outlet } = await t.json('POST', '/api/admin/outlets', { name: '静安店' }, testAdminToken)
    const forged = `${outlet.scene.slice(0, -1)}${outlet.scene.endsWith('A') ? 'B' : 'A'}`
    expect((await lookup(forged)).status).toBe(400)
    expect((await lookup(outletScene(testQrSceneSecret, 'out_NOSUCHSTORE')!)).status).toBe(404)
    expect(await scans()).toHaveLength(before)
  })
})
