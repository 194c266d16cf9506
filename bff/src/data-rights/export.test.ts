import { createHash } from 'node:crypto'
import { MemberDataExport } from '@mc/shared'
import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { adminCall, redeem } from '../test/mall-fixtures'
import { orderEvent, sendOrderEvent } from '../test/order-events'
import { testAdminToken, type TestApp, useTestApp } from '../test/test-app'
import { exportedMemberTables, withheldMemberTables } from './export-member-data'

const address = { name: '李四', phone: '13912345678', address: '上海市徐汇区漕溪北路 100 号' }

/** Tables with a member_id column, read from the catalog of whichever engine the test runs on. */
async function memberKeyedTables(t: TestApp): Promise<string[]> {
  if (t.kind === 'postgres') {
    const { rows } = await sql<{ table_name: string }>`
      select table_name from information_schema.columns
      where table_schema = current_schema() and column_name = 'member_id'`.execute(t.db)
    return rows.map((row) => row.table_name).sort()
  }
  const { rows } = await sql<{ name: string }>`
    select m.name from sqlite_master m, pragma_table_info(m.name) c
    where m.type = 'table' and c.name = 'member_id'`.execute(t.db)
  return rows.map((row) => row.name).sort()
}

describe('GET /api/me/export', () => {
  const t = useTestApp()
  let token: string
  let memberId: string
  let otherToken: string
  beforeAll(async () => {
    token = await t.joinedMember('13740000001')
    otherToken = await t.joinedMember('13740000002')
    memberId = (await t.json('GET', '/api/me', undefined, token)).body.member.id
    // The upgrade below sends its congratulation to the inbox for sure: none held out at random.
    const settings = (await t.json('GET', '/api/admin/automation/settings', undefined, testAdminToken)).body
    settings.journeys.upgrade.holdoutPercent = 0
    await t.json('PUT', '/api/admin/automation/settings', settings, testAdminToken)
    // An order worth 600 yuan: growth to silver, points on completion, two lines.
    const lines = [
      { sku: 'SKU-1', category: '饮料', qty: 2, amountFen: 20_000 },
      { sku: 'SKU-2', category: '零食', qty: 1, amountFen: 40_000 },
    ]
    await sendOrderEvent(t, orderEvent('order.paid', 'EXP-1', { memberId }, 60_000, { lines }))
    await sendOrderEvent(t, orderEvent('order.completed', 'EXP-1', { memberId }, 60_000))
    await t.json('POST', '/api/sign-in', {}, token)
    await t.json('POST', '/api/me/benefits/coupon_pack_monthly/claim', {}, token)
    const item = await adminCall(t, 'POST', '/api/admin/mall/items', {
      title: '保温杯',
      pointsPrice: 100,
      cashFen: 0,
      stock: 5,
      fulfilment: 'delivery',
    })
    expect((await redeem(t, token, { itemId: item.body.item.id, delivery: address })).status).toBe(201)
    const lot = (await t.json('GET', '/api/me/points/expiring', undefined, token)).body.lots[0]
    expect((await t.json('POST', `/api/me/points/lots/${lot.lotId}/extension`, undefined, token)).status).toBe(201)
  })

  it('downloads as a JSON attachment named for the member and the day', async () => {
    const response = await t.app.request('/api/me/export', { headers: { authorization: `Bearer ${token}` } })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="member-data-${memberId}-2026-11-23.json"`,
    )
    expect(MemberDataExport.safeParse(await response.json()).success).toBe(true)
  })

  it('holds the profile, tier history, both ledgers with reasons, and every other record of the member', async () => {
    const data = (await t.json('GET', '/api/me/export', undefined, token)).body
    expect(data.profile).toMatchObject({ id: memberId, phone: '13740000001', sourceOutlet: null })
    expect(data.tier).toMatchObject({ key: 'silver', name: '白银会员' })
    expect(data.tierHistory.map((c: { kind: string }) => c.kind)).toEqual(['join', 'upgrade'])
    // The ledgers match the member's own histories entry for entry, oldest first.
    for (const ledger of ['growth', 'points'] as const) {
      const history = (await t.json('GET', `/api/me/${ledger}?limit=50`, undefined, token)).body.entries
      // The history names each entry's order or redemption for the screen (\`source\`); the export keeps the records.
      const records = [...history].reverse().map(({ source: _, ...entry }: { source: unknown }) => entry)
      expect(data[ledger].entries).toEqual(records)
    }
    const reasons = data.points.entries.map((e: { reason: string }) => e.reason)
    expect(reasons).toContain('积分延期：原 2027-12-31 到期的积分延至 2028-01-30')
    expect(data.points.extensions).toHaveLength(1)
    expect(data.orders).toMatchObject([
      { orderId: 'EXP-1', paidFen: 60_000, lines: [{ sku: 'SKU-1' }, { sku: 'SKU-2' }] },
    ])
    expect(data.coupons.length).toBeGreaterThan(0)
    expect(data.benefitClaims).toMatchObject([{ benefitKey: 'coupon_pack_monthly' }])
    expect(data.redemptions).toMatchObject([{ itemTitle: '保温杯', delivery: address }])
    expect(data.signIns).toMatchObject([{ businessDay: '2026-11-23', kind: 'daily' }])
    expect(data.messages.length).toBeGreaterThan(0) // the upgrade congratulation
    expect(data.memberCode).toBeNull()
    expect(data.sessions).toHaveLength(1)
  })

  it('withholds credentials and holds nothing of another member', async () => {
    await t.json('GET', '/api/me/member-code', undefined, token)
    const text = JSON.stringify((await t.json('GET', '/api/me/export', undefined, token)).body)
    const code = await t.db.selectFrom('member_codes').selectAll().where('member_id', '=', memberId).executeTakeFirst()
    if (code) {
      expect(text).toContain(code.card_no)
      expect(text).not.toContain(code.secret)
    }
    expect(text).not.toContain(token)
    expect(text).not.toContain(createHash('sha256').update(token).digest('hex'))
    expect(text).not.toContain('13740000002')
    const other = (await t.json('GET', '/api/me/export', undefined, otherToken)).body
    expect(other.profile.phone).toBe('13740000002')
    expect(other.orders).toEqual([])
    expect(other.points.entries).toEqual([])
  })

  it('covers every table keyed by a member: each is exported or withheld with a reason', async () => {
    const covered = new Set<string>([...exportedMemberTables, ...Object.keys(withheldMemberTables)])
    const tables = await memberKeyedTables(t)
    expect(tables.length).toBeGreaterThan(20)
    expect(tables.filter((table) => !covered.has(table))).toEqual([])
  })

  it('needs a session', async () => {
    expect((await t.json('GET', '/api/me/export')).status).toBe(401)
  })
})
