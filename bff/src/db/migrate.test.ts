import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTestDatabase } from '../test/test-database'
import { prepareDatabase } from './prepare-database'

describe('migrations', () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>
  beforeAll(async () => { database = await openTestDatabase() })
  afterAll(async () => { await database.drop() })

  it('apply on an empty database, then find nothing left to do, and seed the tier ladder once', async () => {
    expect(await prepareDatabase(database.db)).toContain('2026_11_23_0900_create_members')
    expect(await prepareDatabase(database.db)).toEqual([])
    const tiers = await database.db.selectFrom('tiers').select(['name', 'threshold']).orderBy('position').execute()
    expect(tiers).toEqual([
      { name: '普通会员', threshold: 0 }, { name: '白银会员', threshold: 500 }, { name: '黄金会员', threshold: 2000 },
    ])
  })

  it('enforce the identity check: a member needs an openid or a phone', async () => {
    await expect(database.db.insertInto('members').values({
      id: 'mbr_x', openid: null, unionid: null, phone: null, nickname: 'x', joined_at: null,
      source_outlet_id: null, source_channel: null, created_at: '2026-01-01T00:00:00.000Z',
    }).execute()).rejects.toThrow()
  })
})
