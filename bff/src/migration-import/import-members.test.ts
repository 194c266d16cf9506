import { beforeAll, describe, expect, it } from 'vitest'
import { accountBalances } from '../ledger/accounts'
import { postEntry } from '../ledger/post-entry'
import { verifyLedgers } from '../ledger/verify-ledgers'
import { useTestApp } from '../test/test-app'
import { importMembers } from './import-members'
import { identityHasher } from './identity-key'
import { testIdentitySecret as identitySecret } from '../test/test-identity-secret'

const identityKey = identityHasher(identitySecret)

const header = 'phone,openid,name,birthday,growth,points,points_expires_on'
const csv = (...rows: string[]) => `${[header, ...rows].join('\r\n')}\r\n`

describe('importMembers', () => {
  const t = useTestApp()
  let now: Date
  const memberBy = (column: 'phone' | 'openid', value: string) =>
    t.db.selectFrom('members').selectAll().where(column, '=', value).executeTakeFirstOrThrow()
  const entriesOf = (memberId: string) =>
    t.db.selectFrom('ledger_entries').selectAll().where('member_id', '=', memberId).orderBy('id').execute()
  const lotsOf = (memberId: string) =>
    t.db
      .selectFrom('ledger_lots')
      .select(['ledger', 'amount', 'remaining', 'expires_at'])
      .where('member_id', '=', memberId)
      .orderBy('ledger')
      .execute()
  const tierOf = async (memberId: string) => ({
    state: await t.db
      .selectFrom('member_tiers')
      .select(['tier_key', 'valid_until'])
      .where('member_id', '=', memberId)
      .executeTakeFirst(),
    changes: await t.db
      .selectFrom('tier_changes')
      .select(['kind', 'from_key', 'to_key', 'growth'])
      .where('member_id', '=', memberId)
      .orderBy('id')
      .execute(),
  })
  const footprint = async () => {
    const count = async (
      table:
        | 'members'
        | 'ledger_entries'
        | 'ledger_lots'
        | 'ledger_accounts'
        | 'tier_changes'
        | 'member_tiers'
        | 'idempotency_records',
    ) =>
      Number(
        (
          await t.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )
    return {
      members: await count('members'),
      entries: await count('ledger_entries'),
      lots: await count('ledger_lots'),
      accounts: await count('ledger_accounts'),
      tierChanges: await count('tier_changes'),
      tiers: await count('member_tiers'),
      records: await count('idempotency_records'),
    }
  }
  beforeAll(async () => {
    now = t.clock.now() // 2026-11-23 10:00 in Shanghai
  })

  const small = csv(
    '13900000001,,林小夏,1990-05-06,2500,300,2027-06-30',
    '13900000002,oWx_0002,,,600,0,',
    ',oWx_0003,陈一鸣,,0,50,',
    '13900000004,,,,0,0,',
  )

  it('imports members joined from the shop, with opening entries, lots and tiers that verify clean', async () => {
    expect(await importMembers(t.db, small, { identitySecret, now })).toEqual({
      total: 4,
      imported: 4,
      alreadyImported: 0,
      rejected: 0,
      rejects: [],
    })
    const lin = await memberBy('phone', '13900000001')
    expect(lin).toMatchObject({
      nickname: '林小夏',
      birthday: '1990-05-06',
      joined_at: now.toISOString(),
      source_channel: 'shop',
      openid: null,
    })
    expect((await entriesOf(lin.id)).map((e) => ({ ...e, id: undefined, lot_id: undefined }))).toEqual(
      ['growth', 'points'].map((ledger) => ({
        id: undefined,
        lot_id: undefined,
        member_id: lin.id,
        ledger,
        amount: ledger === 'growth' ? 2500 : 300,
        kind: 'opening',
        reason: ledger === 'growth' ? '期初导入成长值' : '期初导入积分',
        actor: 'admin',
        actor_id: 'import',
        ref_type: null,
        ref_id: null,
        idempotency_key: `opening:${ledger}:${identityKey('phone', '13900000001')}`,
        reverses_entry_id: null,
        corrects_entry_id: null,
        rule_version: 1,
        balance_after: ledger === 'growth' ? 2500 : 300,
        account_version: 1,
        business_day: '2026-11-23',
        occurred_at: now.toISOString(),
        created_at: now.toISOString(),
      })),
    )
    expect(await lotsOf(lin.id)).toEqual([
      { ledger: 'growth', amount: 2500, remaining: 2500, expires_at: '2027-11-22T16:00:00.000Z' }, // 365-day window
      // through 06-30 in Shanghai
      { ledger: 'points', amount: 300, remaining: 300, expires_at: '2027-06-30T16:00:00.000Z' },
    ])
    expect(await tierOf(lin.id)).toEqual({
      state: { tier_key: 'gold', valid_until: '2027-11-23' },
      changes: [
        { kind: 'join', from_key: null, to_key: 'regular', growth: 0 },
        { kind: 'upgrade', from_key: 'regular', to_key: 'gold', growth: 2500 },
      ],
    })

    const second = await memberBy('phone', '13900000002')
    expect(second).toMatchObject({ nickname: '会员0002', openid: 'oWx_0002' })
    expect(await accountBalances(t.db, second.id)).toMatchObject({ growth: 600, points: 0 })
    expect((await tierOf(second.id)).state).toEqual({ tier_key: 'silver', valid_until: '2027-11-23' })

    const chen = await memberBy('openid', 'oWx_0003')
    expect(await entriesOf(chen.id)).toMatchObject([
      { ledger: 'points', amount: 50, idempotency_key: `opening:points:${identityKey('openid', 'oWx_0003')}` },
    ])
    expect(await lotsOf(chen.id)).toEqual([
      { ledger: 'points', amount: 50, remaining: 50, expires_at: '2027-12-31T16:00:00.000Z' },
    ]) // program policy
    expect(await tierOf(chen.id)).toEqual({
      state: { tier_key: 'regular', valid_until: null },
      changes: [{ kind: 'join', from_key: null, to_key: 'regular', growth: 0 }],
    })

    const zero = await memberBy('phone', '13900000004')
    expect(await entriesOf(zero.id)).toEqual([]) // zero amounts post nothing
    expect(zero.joined_at).toBe(now.toISOString())
    expect(await verifyLedgers(t.db)).toEqual([])

    // The shopper logs in later with the same phone and lands on the imported member.
    const login = await t.json('POST', '/api/auth/local', { phone: '13900000001' })
    const me = await t.json('GET', '/api/me', undefined, login.body.token)
    expect(me.body).toMatchObject({
      member: { id: lin.id, nickname: '林小夏' },
      growth: 2500,
      tier: { id: 'gold' },
      points: { balance: 300 },
    })
  })

  it('changes nothing when the same rows are imported again', async () => {
    const before = await footprint()
    expect(await importMembers(t.db, small, { identitySecret, now: new Date(now.getTime() + 86_400_000) })).toEqual({
      total: 4,
      imported: 0,
      alreadyImported: 4,
      rejected: 0,
      rejects: [],
    })
    expect(await footprint()).toEqual(before)
    // Months later, after 13900000001's expiry day has passed, the same file still changes nothing and rejects nothing.
    expect(
      await importMembers(t.db, small, { identitySecret, now: new Date('2027-08-01T02:00:00.000Z') }),
    ).toMatchObject({
      alreadyImported: 4,
      rejected: 0,
    })
    expect(await footprint()).toEqual(before)
  })

  it('refuses a new row whose points would have lapsed already', async () => {
    const summary = await importMembers(t.db, csv('13900000005,,,,0,10,2026-11-22'), { identitySecret, now })
    expect(summary.rejects.map((r) => r.reason)).toEqual(['积分过期日期已过 / points_expires_on is in the past'])
  })

  it('refuses an imported identity with different numbers, by phone or by openid, and names what differs', async () => {
    const before = await footprint()
    const summary = await importMembers(
      t.db,
      csv('13900000001,,林小夏,1990-05-06,2600,300,2027-06-30', ',oWx_0002,,,600,0,2027-01-31', '13900000004,,,,0,1,'),
      { identitySecret, now },
    )
    expect(summary).toMatchObject({ imported: 0, alreadyImported: 0, rejected: 3 })
    expect(summary.rejects.map((r) => [r.line, r.reason])).toEqual([
      [2, '已导入且数值不同 / already imported with different values (growth)'],
      [3, '已导入且数值不同 / already imported with different values (points_expires_on)'],
      [4, '已导入且数值不同 / already imported with different values (points)'],
    ])
    expect(await footprint()).toEqual(before)
    expect(await accountBalances(t.db, (await memberBy('phone', '13900000001')).id)).toMatchObject({
      growth: 2500,
      points: 300,
    })
  })

  it('counts an identity repeated in a file once, across batches too; refuses repeats with other numbers', async () => {
    const summary = await importMembers(
      t.db,
      csv(
        '13900000101,,,,10,10,',
        '13900000101,,,,10,10,', // same batch, same numbers
        '13900000102,oWx_0102,,,20,0,',
        ',oWx_0102,,,20,0,', // next batch, found by the openid the row above recorded
        '13900000101,,,,11,10,', // third batch, other numbers
      ),
      { identitySecret, now, batchSize: 2 },
    )
    expect(summary).toMatchObject({ total: 5, imported: 2, alreadyImported: 2, rejected: 1 })
    expect(summary.rejects).toEqual([
      {
        line: 6,
        row: expect.objectContaining({ phone: '13900000101', growth: '11' }),
        reason: expect.stringContaining('already imported'),
      },
    ])
    expect(await accountBalances(t.db, (await memberBy('phone', '13900000101')).id)).toMatchObject({
      growth: 10,
      points: 10,
    })
  })

  it('posts to a member already here through postEntry, joins and links them, and upgrades on the total', async () => {
    const token = await t.joinedMember('13900000201')
    const joined = await memberBy('phone', '13900000201')
    await t.db.transaction().execute((trx) =>
      postEntry(trx, {
        memberId: joined.id,
        ledger: 'growth',
        amount: 1800,
        kind: 'task',
        reason: '测试',
        actor: 'system',
        ruleVersion: 1,
        businessDay: '2026-11-23',
        occurredAt: now,
        now,
        credit: { expiresAt: null },
      }),
    )
    await t.json('POST', '/api/auth/local', { phone: '13900000202' }) // logged in, never joined
    const summary = await importMembers(
      t.db,
      csv('13900000201,oWx_0201,新名字,1991-01-01,300,40,', '13900000202,,,,0,5,'),
      { identitySecret, now },
    )
    expect(summary).toMatchObject({ imported: 2, rejected: 0 })

    const after = await memberBy('phone', '13900000201')
    expect(after).toMatchObject({
      id: joined.id,
      nickname: joined.nickname,
      openid: 'oWx_0201',
      birthday: '1991-01-01',
      joined_at: joined.joined_at,
    })
    expect((await entriesOf(joined.id)).map((e) => [e.ledger, e.amount, e.balance_after, e.account_version])).toEqual([
      ['growth', 1800, 1800, 1],
      ['growth', 300, 2100, 2],
      ['points', 40, 40, 1],
    ])
    expect((await tierOf(joined.id)).changes.map((c) => c.kind)).toEqual(['join', 'upgrade'])
    expect((await t.json('GET', '/api/me', undefined, token)).body).toMatchObject({
      growth: 2100,
      tier: { id: 'gold' },
    })

    const late = await memberBy('phone', '13900000202')
    expect(late).toMatchObject({ joined_at: now.toISOString(), source_channel: 'shop' })
    expect((await tierOf(late.id)).changes.map((c) => c.kind)).toEqual(['join'])
  })

  it('refuses a row whose phone and openid belong to two different members', async () => {
    await importMembers(t.db, csv(',oWx_0301,,,1,1,'), { identitySecret, now })
    await t.joinedMember('13900000301')
    const summary = await importMembers(t.db, csv('13900000301,oWx_0301,,,1,1,'), { identitySecret, now })
    expect(summary.rejects.map((r) => r.reason)).toEqual([
      '手机号与 openid 属于不同会员 / phone and openid belong to different members',
    ])
  })

  it('recognises a row imported before keys were hashed (plain phone key) and writes no plain key itself', async () => {
    // What an import before issue 14 left: the identity record under `phone:<phone>` with the opening numbers.
    await t.db
      .insertInto('idempotency_records')
      .values({
        scope: 'member_import',
        key: 'phone:13900000401',
        request_hash: 'legacy',
        request_body: JSON.stringify({ growth: 5, points: 5, points_expires_on: null }),
        response_status: 200,
        response_body: '{}',
        created_at: now.toISOString(),
      })
      .execute()
    const rerun = await importMembers(t.db, csv('13900000401,,,,5,5,', '13900000402,,,,5,5,'), { identitySecret, now })
    expect(rerun).toMatchObject({ imported: 1, alreadyImported: 1, rejected: 0 })
    const keys = await t.db
      .selectFrom('idempotency_records')
      .select('key')
      .where('scope', '=', 'member_import')
      .execute()
    expect(keys.filter((k) => k.key.includes('1390000040'))).toEqual([{ key: 'phone:13900000401' }])
    expect(keys).toContainEqual({ key: identityKey('phone', '13900000402') })
  })
})
