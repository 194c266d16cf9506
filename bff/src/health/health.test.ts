import { describe, expect, it } from 'vitest'
import { useTestApp } from '../test/test-app'
import { testDatabaseKind } from '../test/test-database'

describe('GET /api/health', () => {
  const t = useTestApp({}, { verifyLedgers: false })

  it('reports the version and which database answers', async () => {
    const response = await t.json('GET', '/api/health')
    expect(response).toEqual({ status: 200, body: { status: 'ok', version: 'test', database: testDatabaseKind() } })
  })
})
