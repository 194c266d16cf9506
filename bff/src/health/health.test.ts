import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../test/test-app'
import { testDatabaseKind } from '../test/test-database'

describe('GET /api/health', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp()
  })
  afterAll(async () => {
    await t.close()
  })

  it('reports the version and which database answers', async () => {
    const response = await t.json('GET', '/api/health')
    expect(response).toEqual({ status: 200, body: { status: 'ok', version: 'test', database: testDatabaseKind() } })
  })
})
