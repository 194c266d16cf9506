import { describe, expect, it } from 'vitest'
import { useTestApp } from '../test/test-app'

describe('public program and outlet lookups', () => {
  const t = useTestApp({}, { verifyLedgers: false })

  it('GET /api/program/tiers shows the published ladder without a login', async () => {
    const response = await t.json('GET', '/api/program/tiers')
    expect(response.status).toBe(200)
    expect(response.body.version).toBe(1)
    expect(response.body.tiers.map((tier: { name: string; threshold: number }) => [tier.name, tier.threshold])).toEqual(
      [
        ['普通会员', 0],
        ['白银会员', 500],
        ['黄金会员', 2000],
      ],
    )
  })

  it('GET /api/outlets/:id names a store, and answers 404 for an unknown one', async () => {
    await t.db
      .insertInto('outlets')
      .values({ id: 'outlet_a', name: '测试门店', created_at: t.clock.now().toISOString() })
      .execute()
    expect(await t.json('GET', '/api/outlets/outlet_a')).toEqual({
      status: 200,
      body: { id: 'outlet_a', name: '测试门店' },
    })
    expect(await t.json('GET', '/api/outlets/nope')).toMatchObject({
      status: 404,
      body: { error: { code: 'OUTLET_NOT_FOUND' } },
    })
  })
})
