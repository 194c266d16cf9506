import { describe, expect, it } from 'vitest'
import { verifyLedgers } from '../ledger/verify-ledgers'
import { type TestApp, useTestApp } from '../test/test-app'
import { CsvError } from './csv'
import { importMembers } from './import-members'
import { identityHasher } from './identity-key'
import { testIdentitySecret as identitySecret } from '../test/test-identity-secret'

const header = 'phone,openid,name,birthday,growth,points,points_expires_on'
const csv = (...rows: string[]) => `${[header, ...rows].join('\n')}\n`

describe('importMembers: batches, rejects and the two writers', () => {
  const t = useTestApp()
  const count = async (table: 'members' | 'ledger_entries' | 'idempotency_records') =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )

  it('reports each reject with the line it starts on and its values as written, importing the rest', async () => {
    const summary = await importMembers(
      t.db,
      csv(
        '13700000001,,"林\n小夏",,1,1,', // a quoted line break: the name is refused, and the next row starts on line 4
        '13700000002,,,,abc,1,',
        '13700000003,,,,5,5,,extra',
        '13700000004,,王悦,,5,5,',
      ),
      { identitySecret, now: t.clock.now() },
    )
    expect(summary).toMatchObject({ total: 4, imported: 1, alreadyImported: 0, rejected: 3 })
    expect(summary.rejects).toEqual([
      {
        line: 2,
        row: expect.objectContaining({ phone: '13700000001', name: '林\n小夏' }),
        reason: '昵称不能含换行等控制字符 / name contains control characters',
      },
      {
        line: 4,
        row: expect.objectContaining({ growth: 'abc' }),
        reason: '成长值必须是不小于 0 的整数 / growth must be a whole number ≥ 0',
      },
      {
        line: 5,
        row: expect.objectContaining({ phone: '13700000003' }),
        reason: '列数与表头不符：应为 7 列，实际 8 列 / expected 7 fields, got 8',
      },
    ])
  })

  it.each([
    ['a malformed quote', csv('13700000011,,"bad"name,,1,1,'), /line 2: text after a closing quote/],
    ['a misspelt column', 'phone,grwoth\n13700000012,5\n', /line 1: unknown column "grwoth"/],
    ['no identity column', 'name,growth\nx,5\n', /needs a phone or an openid column/],
    ['an empty file', '', /empty/],
  ])('refuses a file with %s before writing anything', async (_, text, message) => {
    const members = await count('members')
    await expect(importMembers(t.db, text, { identitySecret })).rejects.toThrow(CsvError)
    await expect(importMembers(t.db, text, { identitySecret })).rejects.toThrow(message)
    expect(await count('members')).toBe(members)
  })

  it('commits whole batches: a failure inside one rolls back that batch only, and a re-run completes it', async () => {
    const rows = Array.from({ length: 5 }, (_, i) => `1370000010${i},,,,${i + 1},${i + 1},`)
    const members = await count('members')
    const progress: Array<[number, number]> = []
    const failing = importMembers(t.db, csv(...rows), {
      identitySecret,
      batchSize: 2,
      onProgress: (done, total) => progress.push([done, total]),
      onRowWritten: (row) => {
        if (row === 3) throw new Error('power cut')
      },
    })
    await expect(failing).rejects.toThrow('power cut')
    expect(progress).toEqual([[2, 5]])
    expect(await count('members')).toBe(members + 2)
    expect(await verifyLedgers(t.db)).toEqual([])

    progress.length = 0
    const rerun = await importMembers(t.db, csv(...rows), {
      identitySecret,
      batchSize: 2,
      onProgress: (done, total) => progress.push([done, total]),
    })
    expect(rerun).toMatchObject({ imported: 3, alreadyImported: 2, rejected: 0 })
    expect(progress).toEqual([
      [2, 5],
      [4, 5],
      [5, 5],
    ])
    expect(await count('members')).toBe(members + 5)
  })

  it('two imports of the same file at once import each row once (the loser of a race retries its batch)', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => `1373000${String(i).padStart(4, '0')},,,,${i + 1},1,`)
    const runs = await Promise.all(
      [1, 2].map(() => importMembers(t.db, csv(...rows), { identitySecret, batchSize: 10 })),
    )
    expect(runs.map((r) => r.rejected)).toEqual([0, 0])
    expect(runs[0].imported + runs[1].imported).toBe(40)
    expect(runs[0].alreadyImported + runs[1].alreadyImported).toBe(40)
    const entries = await t.db
      .selectFrom('ledger_entries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('idempotency_key', 'like', 'opening:%')
      .where('member_id', 'in', (eb) => eb.selectFrom('members').select('id').where('phone', 'like', '1373000%'))
      .executeTakeFirstOrThrow()
    expect(Number(entries.n)).toBe(80)
  })

  it('bulk writing leaves the same ledger, tier and inbox rows as earn and recordTierChange one by one', async () => {
    const now = t.clock.now()
    const rows = (phonePrefix: string, openidPrefix: string) =>
      csv(
        `${phonePrefix}01,,,,2500,300,2027-06-30`,
        `${phonePrefix}02,${openidPrefix}0002,,1990-02-03,600,0,`,
        `,${openidPrefix}0003,名字,,0,50,`,
        `${phonePrefix}04,,,,0,0,`,
      )
    await importMembers(t.db, rows('137100000', 'oBulk_'), { identitySecret, now, writer: 'bulk' })
    await importMembers(t.db, rows('137200000', 'oPost_'), { identitySecret, now, writer: 'post-entry' })
    const bulk = await footprintOf(t, '13710', 'oBulk_')
    expect(bulk).toEqual(await footprintOf(t, '13720', 'oPost_'))
    // Both upgrade on the opening growth (to gold and to silver), and neither congratulates: see `postOpening`.
    expect(bulk.map((m) => m.changes.map((c: { kind: string }) => c.kind))).toEqual([
      ['join', 'upgrade'],
      ['join', 'upgrade'],
      ['join'],
      ['join'],
    ])
    expect(bulk.every((m) => m.notifications.length === 0)).toBe(true)
  })
})

/** Everything the import wrote for one set of members, with ids and identities taken out so two sets compare. */
async function footprintOf(t: TestApp, phonePrefix: string, openidPrefix: string) {
  const members = await t.db
    .selectFrom('members')
    .selectAll()
    .where((eb) => eb.or([eb('phone', 'like', `${phonePrefix}%`), eb('openid', 'like', `${openidPrefix}%`)]))
    .orderBy('created_at')
    .orderBy('id')
    .execute()
  const anonymous = (text: string | null) => text?.replace(phonePrefix, 'P').replace(openidPrefix, 'O') ?? null
  // Opening keys are keyed hashes of the phone or openid: named back by the identity they hash, then anonymised.
  const identityKey = identityHasher(identitySecret)
  const keyNamed = (key: string | null, member: { phone: string | null; openid: string | null }) =>
    member.phone && key?.endsWith(identityKey('phone', member.phone))
      ? key.replace(identityKey('phone', member.phone), `phone:${anonymous(member.phone)}`)
      : member.openid && key?.endsWith(identityKey('openid', member.openid))
        ? key.replace(identityKey('openid', member.openid), `openid:${anonymous(member.openid)}`)
        : key
  return Promise.all(
    members.map(async (member) => {
      const of = { member_id: member.id }
      const entries = await t.db
        .selectFrom('ledger_entries')
        .selectAll()
        .where('member_id', '=', member.id)
        .orderBy('ledger')
        .execute()
      const lots = await t.db
        .selectFrom('ledger_lots')
        .selectAll()
        .where('member_id', '=', member.id)
        .orderBy('ledger')
        .execute()
      const accounts = await t.db
        .selectFrom('ledger_accounts')
        .selectAll()
        .where('member_id', '=', member.id)
        .orderBy('ledger')
        .execute()
      const tier = await t.db.selectFrom('member_tiers').selectAll().where('member_id', '=', member.id).execute()
      const changes = await t.db
        .selectFrom('tier_changes')
        .selectAll()
        .where('member_id', '=', member.id)
        .orderBy('id')
        .execute()
      const notifications = await t.db
        .selectFrom('notifications')
        .selectAll()
        .where('member_id', '=', member.id)
        .orderBy('id')
        .execute()
      expect(entries.every((e) => lots.some((l) => l.entry_id === e.id && l.id === e.lot_id))).toBe(true)
      return {
        member: { ...member, id: null, phone: anonymous(member.phone), openid: anonymous(member.openid) },
        entries: entries.map((e) => ({
          ...e,
          ...of,
          id: null,
          lot_id: null,
          idempotency_key: keyNamed(e.idempotency_key, member),
        })),
        lots: lots.map((l) => ({ ...l, ...of, id: null, entry_id: null })),
        accounts: accounts.map((a) => ({ ...a, ...of })),
        tier: tier.map((row) => ({ ...row, ...of })),
        changes: changes.map((c) => ({ ...c, ...of, id: null })),
        notifications: notifications.map((n) => ({ ...n, ...of, id: null })),
      }
    }),
  ).then((list) => list.map((item) => JSON.parse(JSON.stringify(item).replaceAll(/mbr_[0-9A-Z]+/g, 'M'))))
}
