import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTestDatabase, withSchemaLock } from '../test/test-database'
import { prepareDatabase } from '../setup/prepare-database'

describe('migrations', () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>
  beforeAll(async () => {
    database = await openTestDatabase()
  })
  afterAll(async () => {
    await database.drop()
  })

  it('apply on an empty database, then find nothing left to do, and publish program version 1 once', async () => {
    expect(await withSchemaLock('shared', () => prepareDatabase(database.db))).toEqual([
      '2026_11_23_0900_create_members',
      '2026_11_23_1200_create_ledgers',
      '2026_11_23_1500_create_program_drafts',
      '2026_11_23_1600_create_sign_ins',
      '2026_11_23_1610_create_staff_and_codes',
      '2026_11_23_1620_create_benefits_and_inbox',
      '2026_11_30_0900_create_mall',
      '2026_12_03_0900_create_operators',
      '2026_12_03_1100_staff_status_and_shipments',
      '2026_12_03_1900_console_lookup_indexes',
      '2026_12_04_0900_create_insights',
      '2026_12_04_0910_insights_snapshot_indexes',
      '2026_12_04_0920_insights_scoring_indexes',
      '2026_12_05_0900_create_engagement',
      '2026_12_05_0910_engagement_indexes',
      '2026_12_05_0920_engagement_delivery_indexes',
      '2026_12_06_0900_member_profile',
      '2026_12_06_0920_points_extension',
      '2026_12_06_0930_account_closing',
      '2026_12_06_0940_rate_limits',
      '2026_12_06_0950_till_benefits',
      '2026_12_07_0900_visitor_sessions',
      '2026_12_08_0900_tier_history_index',
      '2026_12_08_0910_member_insights_fillfactor',
      '2026_12_09_0900_legal_documents',
      '2026_12_10_0900_legal_acceptances',
      '2026_12_10_0910_pickup_outlets',
      '2026_12_10_0920_pickup_deadline',
      '2026_12_11_0900_campaign_delivery',
      '2026_12_12_0900_campaign_message_counts',
    ])
    expect(await withSchemaLock('shared', () => prepareDatabase(database.db))).toEqual([])
    const versions = await database.db.selectFrom('program_versions').select(['version', 'template', 'rules']).execute()
    expect(versions).toHaveLength(1)
    expect(versions[0]).toMatchObject({ version: 1, template: 'fmcg' })
    const tiers = JSON.parse(versions[0].rules).tiers.map((t: { name: string; threshold: number }) => [
      t.name,
      t.threshold,
    ])
    expect(tiers).toEqual([
      ['普通会员', 0],
      ['白银会员', 500],
      ['黄金会员', 2000],
    ])
  })

  it('refuse UPDATE and DELETE on append-only tables', async () => {
    const db = database.db
    await db
      .insertInto('audit_log')
      .values({
        id: 'aud_1',
        actor: 'test',
        action: 'x',
        target_type: 't',
        target_id: '1',
        detail: '{}',
        created_at: '2026-01-01T00:00:00.000Z',
      })
      .execute()
    await expect(sql`update audit_log set action = 'y'`.execute(db)).rejects.toThrow(/append-only/)
    await expect(sql`delete from audit_log`.execute(db)).rejects.toThrow(/append-only/)
  })

  it('enforce the identity check: a member needs an openid or a phone', async () => {
    await expect(
      database.db
        .insertInto('members')
        .values({
          id: 'mbr_x',
          openid: null,
          unionid: null,
          phone: null,
          nickname: 'x',
          joined_at: null,
          source_outlet_id: null,
          source_channel: null,
          created_at: '2026-01-01T00:00:00.000Z',
        })
        .execute(),
    ).rejects.toThrow()
  })
})
