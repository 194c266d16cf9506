import { newId } from '@mc/shared'
import { sql, type Kysely } from 'kysely'
import { describe, expect, it } from 'vitest'
import { isPostgres } from '../db/engine'
import type { Database } from '../db/schema'
import { verifyLedgers } from '../ledger/verify-ledgers'
import { importMembers } from '../migration-import/import-members'
import { adminCall, mallItem, redeem } from '../test/mall-fixtures'
import { orderEvent, sendOrderEvent } from '../test/order-events'
import { useTestApp } from '../test/test-app'
import { testIdentitySecret } from '../test/test-identity-secret'

/** Every column of every table, read from the engine's own catalog, so a table added later is scanned too. */
async function allColumns(db: Kysely<Database>): Promise<{ table: string; column: string }[]> {
  if (isPostgres(db)) {
    const { rows } = await sql<{ table: string; column: string }>`
      select table_name as "table", column_name as "column" from information_schema.columns
      where table_schema = current_schema() order by table_name, ordinal_position`.execute(db)
    return rows
  }
  const tables = await sql<{ name: string }>`
    select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(db)
  const columns: { table: string; column: string }[] = []
  for (const { name } of tables.rows) {
    const info = await sql<{ name: string }>`select name from pragma_table_info(${name})`.execute(db)
    for (const column of info.rows) columns.push({ table: name, column: column.name })
  }
  return columns
}

/** Where `needle` occurs in any value of any column (each value read as text): `table.column` for every hit. */
async function whereFound(db: Kysely<Database>, needle: string): Promise<string[]> {
  const found: string[] = []
  const pattern = `%${needle}%`
  for (const { table, column } of await allColumns(db)) {
    const asText = sql`cast(${sql.ref(column)} as text)`
    const { rows } = await sql<{ n: number | string }>`
      select count(*) as n from ${sql.table(table)} where ${asText} like ${pattern}`.execute(db)
    if (Number(rows[0].n) > 0) found.push(`${table}.${column}`)
  }
  return found
}

describe('closing an account erases the person from every table', () => {
  const t = useTestApp()
  const phone = '13911112222'
  const openid = 'oClosing_Erasure_7f3a'
  const nickname = '林注销测试'

  it('leaves no phone, openid or nickname in any text of any table, and keeps the ledger under the id', async () => {
    // An imported member (phone, openid, nickname, openings) who then shops, signs in, redeems with an address
    // and gets messages: every path that stores who they are.
    const imported = await importMembers(
      t.db,
      'phone,openid,name,birthday,growth,points,points_expires_on\n' +
        `${phone},${openid},${nickname},1990-05-06,900,500,\n`,
      {
        identitySecret: testIdentitySecret,
        now: t.clock.now(),
      },
    )
    expect(imported).toMatchObject({ imported: 1, rejected: 0 })
    const login = await t.json('POST', '/api/auth/local', { phone })
    const token = login.body.token as string
    const memberId = login.body.member.id as string
    expect((await t.json('POST', '/api/sign-in', {}, token)).status).toBe(201)
    const paid = await sendOrderEvent(t, orderEvent('order.paid', 'ord_closing_1', { phone }, 300_000))
    expect(paid.status).toBe(200)
    const item = await mallItem(t, { title: '保温杯', pointsPrice: 100, fulfilment: 'delivery' })
    const delivery = { name: nickname, phone, address: '上海市徐汇区漕溪北路 1 号' }
    const redeemed = await redeem(t, token, { itemId: item.id, delivery })
    expect(redeemed.status, JSON.stringify(redeemed.body)).toBe(201)
    const redemptionId = redeemed.body.redemption.id as string
    const shipped = await adminCall(t, 'POST', `/api/admin/mall/redemptions/${redemptionId}/shipment`, {
      carrier: '顺丰',
      trackingNo: 'SF1234567890',
    })
    expect(shipped.status).toBe(200)
    // An upgrade message may or may not be sent (the engagement holdout draws by member id), so the inbox also gets
    // a message that greets the member by name, as journey messages do, written as the inbox writes its rows.
    await t.db
      .insertInto('notifications')
      .values({
        id: newId('ntf'),
        member_id: memberId,
        kind: 'points_expiring',
        title: '积分即将到期',
        body: `${nickname}，你有积分即将到期`,
        dedupe_key: `closing-spec:${memberId}`,
        page: null,
        created_at: t.clock.now().toISOString(),
      })
      .execute()

    // The scan itself finds the person while the account is open, so an empty answer later means erased.
    expect(await whereFound(t.db, phone)).toEqual(
      expect.arrayContaining(['members.phone', 'mall_redemptions.delivery']),
    )
    expect(await whereFound(t.db, openid)).toContain('members.openid')
    expect(await whereFound(t.db, nickname)).toEqual(
      expect.arrayContaining(['members.nickname', 'notifications.body', 'mall_redemptions.delivery']),
    )
    const entriesBefore = await t.db
      .selectFrom('ledger_entries')
      .select('id')
      .where('member_id', '=', memberId)
      .execute()

    const preview = await t.json('GET', '/api/me/closing', undefined, token)
    expect(preview.body.canClose).toBe(true)
    const closed = await t.json('POST', '/api/me/closing', { confirm: true, points: preview.body.points }, token)
    expect(closed.status, JSON.stringify(closed.body)).toBe(200)

    expect(await whereFound(t.db, phone)).toEqual([])
    expect(await whereFound(t.db, openid)).toEqual([])
    expect(await whereFound(t.db, nickname)).toEqual([])
    const entriesAfter = await t.db
      .selectFrom('ledger_entries')
      .select('id')
      .where('member_id', '=', memberId)
      .execute()
    // Every entry stays; the forfeiture of the open points is one more.
    expect(entriesAfter.map((e) => e.id)).toEqual(expect.arrayContaining(entriesBefore.map((e) => e.id)))
    expect(entriesAfter.length).toBe(entriesBefore.length + 1)
    expect(await verifyLedgers(t.db)).toEqual([])
  })
})
