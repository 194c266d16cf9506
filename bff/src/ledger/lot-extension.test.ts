import { fmcgTemplate } from '@mc/shared'
import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { expireLots } from '../jobs/expire-lots'
import { publishedProgram, publishProgramVersion } from '../program/published-program'
import { useTestApp } from '../test/test-app'
import { accountBalances } from './accounts'
import { extendRequest, extensionFootprint, pointsLot } from './lot-extension-test-kit'
import { holdPoints } from './points-holds'
import { verifyLedgers } from './verify-ledgers'

// FMCG rules: 50 points extend a lot by 30 days. The test clock starts at 2026-11-23 10:00 in Shanghai.
const endOf2026 = '2026-12-31T16:00:00.000Z' // lapses as 2027-01-01 begins in Shanghai
const extendedTo = '2027-01-30T16:00:00.000Z'

describe('POST /api/me/points/lots/:lotId/extension', () => {
  const t = useTestApp()
  let token: string
  let memberId: string
  beforeAll(async () => {
    token = await t.joinedMember('13730000001')
    memberId = (await t.json('GET', '/api/me', undefined, token)).body.member.id
  })

  it('offers each extendable lot on the expiring list with its cost and new date', async () => {
    const lotId = await pointsLot(t, memberId, 200, endOf2026)
    const small = await pointsLot(t, memberId, 40, '2027-03-31T16:00:00.000Z')
    const expiring = await t.json('GET', '/api/me/points/expiring', undefined, token)
    expect(expiring.body.lots).toEqual([
      {
        lotId,
        points: 200,
        expiresAt: endOf2026,
        extension: { costPoints: 50, expiresAtAfter: extendedTo },
        extendedFrom: null,
      },
      // 40 points are not worth a 50-point extension.
      { lotId: small, points: 40, expiresAt: '2027-03-31T16:00:00.000Z', extension: null, extendedFrom: null },
    ])
  })

  it('spends the cost and moves the lot once: asking again answers the same extension, writes nothing', async () => {
    const other = await t.joinedMember('13730000002')
    const otherId = (await t.json('GET', '/api/me', undefined, other)).body.member.id
    const lotId = await pointsLot(t, otherId, 300, endOf2026)
    const first = await extendRequest(t, other, lotId)
    expect(first).toMatchObject({
      status: 201,
      body: { lotId, costPoints: 50, extendDays: 30, expiresAtBefore: endOf2026, expiresAtAfter: extendedTo },
    })
    expect((await accountBalances(t.db, otherId)).points).toBe(250)
    const spend = await t.db
      .selectFrom('ledger_entries')
      .selectAll()
      .where('id', '=', first.body.entryId)
      .executeTakeFirstOrThrow()
    expect(spend).toMatchObject({ amount: -50, kind: 'redeem', ref_type: 'lot_extension', ref_id: first.body.id })
    expect(spend.reason).toBe('积分延期：原 2026-12-31 到期的积分延至 2027-01-30')
    const lot = await t.db.selectFrom('ledger_lots').selectAll().where('id', '=', lotId).executeTakeFirstOrThrow()
    // The cost came out of this lot, the earliest to lapse; the rest now lapses 30 days later.
    expect(lot).toMatchObject({ remaining: 250, expires_at: extendedTo })

    const before = await extensionFootprint(t, otherId)
    const again = await extendRequest(t, other, lotId)
    expect(again).toEqual({ status: 200, body: first.body })
    expect(await extensionFootprint(t, otherId)).toEqual(before)
    const listed = (await t.json('GET', '/api/me/points/expiring', undefined, other)).body.lots
    expect(listed).toEqual([{ lotId, points: 250, expiresAt: extendedTo, extension: null, extendedFrom: endOf2026 }])
    expect(await verifyLedgers(t.db)).toEqual([])
  })

  it('20 requests at once for one lot make one extension and one spend', async () => {
    const racer = await t.joinedMember('13730000003')
    const racerId = (await t.json('GET', '/api/me', undefined, racer)).body.member.id
    const lotId = await pointsLot(t, racerId, 500, endOf2026)
    const answers = await Promise.all(Array.from({ length: 20 }, () => extendRequest(t, racer, lotId)))
    expect(answers.map((a) => a.status).sort()).toEqual([200, ...Array(18).fill(200), 201])
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1)
    const extensions = await t.db.selectFrom('points_lot_extensions').selectAll().where('lot_id', '=', lotId).execute()
    expect(extensions).toHaveLength(1)
    const spends = await t.db
      .selectFrom('ledger_entries')
      .select('amount')
      .where('member_id', '=', racerId)
      .where('ref_type', '=', 'lot_extension')
      .execute()
    expect(spends).toEqual([{ amount: -50 }])
    expect((await accountBalances(t.db, racerId)).points).toBe(450)
  })

  it('the expiry job lapses an extended lot at its new expiry, not its old one', async () => {
    const saver = await t.joinedMember('13730000004')
    const saverId = (await t.json('GET', '/api/me', undefined, saver)).body.member.id
    const kept = await pointsLot(t, saverId, 100, endOf2026)
    const lapsing = await pointsLot(t, saverId, 70, endOf2026)
    expect((await extendRequest(t, saver, kept)).status).toBe(201)
    const program = await publishedProgram(t.db)
    const remaining = async (lotId: string) =>
      (await t.db.selectFrom('ledger_lots').select('remaining').where('id', '=', lotId).executeTakeFirstOrThrow())
        .remaining
    // The cost came from `kept` (the first earned of the two lapsing together): 50 left there, 70 in `lapsing`.
    expect([await remaining(kept), await remaining(lapsing)]).toEqual([50, 70])
    await expireLots(t.db, program, new Date('2027-01-02T00:00:00.000Z'))
    expect([await remaining(kept), await remaining(lapsing)]).toEqual([50, 0])
    expect((await accountBalances(t.db, saverId)).points).toBe(50)
    await expireLots(t.db, program, new Date('2027-01-31T00:00:00.000Z'))
    expect(await remaining(kept)).toBe(0)
    expect((await accountBalances(t.db, saverId)).points).toBe(0)
    expect(await verifyLedgers(t.db)).toEqual([])
  })

  describe('refusals leave the ledgers as they were', () => {
    let refused: string
    let refusedId: string
    beforeAll(async () => {
      refused = await t.joinedMember('13730000005')
      refusedId = (await t.json('GET', '/api/me', undefined, refused)).body.member.id
    })
    const expectRefusal = async (lotId: string, status: number, code: string, reason?: string) => {
      const before = await extensionFootprint(t, refusedId)
      const answer = await extendRequest(t, refused, lotId)
      expect(answer).toMatchObject({ status, body: { error: { code } } })
      if (reason) expect(answer.body.error.details.reason).toBe(reason)
      expect(await extensionFootprint(t, refusedId)).toEqual(before)
    }

    it('LOT_NOT_FOUND for a lot nobody has and for another member’s lot', async () => {
      await expectRefusal('plt_00000000000000000000000000', 404, 'LOT_NOT_FOUND')
      const strangerLot = await pointsLot(t, memberId, 300, endOf2026)
      await expectRefusal(strangerLot, 404, 'LOT_NOT_FOUND')
    })

    it('LOT_NOT_EXTENDABLE for a lot worth no more than the cost, one that never lapses, one lapsed', async () => {
      await expectRefusal(await pointsLot(t, refusedId, 50, endOf2026), 409, 'LOT_NOT_EXTENDABLE', 'too_small')
      await expectRefusal(await pointsLot(t, refusedId, 500, null), 409, 'LOT_NOT_EXTENDABLE', 'never_expires')
      const lapsed = await pointsLot(t, refusedId, 500, '2026-11-23T01:00:00.000Z')
      await expectRefusal(lapsed, 409, 'LOT_NOT_EXTENDABLE', 'expired')
    })

    it('POINTS_INSUFFICIENT when held points leave less than the cost available', async () => {
      const poorToken = await t.joinedMember('13730000006')
      const poorId = (await t.json('GET', '/api/me', undefined, poorToken)).body.member.id
      const lotId = await pointsLot(t, poorId, 60, endOf2026)
      const now = t.clock.now()
      await t.db.transaction().execute((trx) =>
        holdPoints(trx, {
          memberId: poorId,
          points: 20,
          ref: { type: 'test', id: 'hold-1' },
          expiresAt: new Date(now.getTime() + 900_000),
          now,
        }),
      )
      const before = await extensionFootprint(t, poorId)
      const answer = await extendRequest(t, poorToken, lotId)
      expect(answer).toMatchObject({ status: 409, body: { error: { code: 'POINTS_INSUFFICIENT' } } })
      expect(await extensionFootprint(t, poorId)).toEqual(before)
    })

    it('400 for a malformed lot id, 401 without a session', async () => {
      expect((await extendRequest(t, refused, 'glt_00000000000000000000000000')).status).toBe(400)
      expect((await t.json('POST', `/api/me/points/lots/plt_00000000000000000000000000/extension`)).status).toBe(401)
    })
  })

  it('the database refuses to move a lot’s expiry without an extension, or to change an extension', async () => {
    const lotId = await pointsLot(t, memberId, 80, endOf2026)
    await expect(
      t.db.updateTable('ledger_lots').set({ expires_at: extendedTo }).where('id', '=', lotId).execute(),
    ).rejects.toThrow(/points_lot_extensions/)
    await expect(sql`update points_lot_extensions set cost_points = 1`.execute(t.db)).rejects.toThrow(/append-only/)
  })
})

describe('extension turned off', () => {
  const t = useTestApp()
  it('answers 409 EXTENSION_DISABLED, writes nothing, and offers no extension on the list', async () => {
    await publishProgramVersion(t.db, {
      rules: { ...fmcgTemplate, points: { ...fmcgTemplate.points, extension: null } },
      template: null,
      note: 'no extension',
      publishedBy: 'test',
      now: t.clock.now(),
    })
    const token = await t.joinedMember('13730000011')
    const memberId = (await t.json('GET', '/api/me', undefined, token)).body.member.id
    const lotId = await pointsLot(t, memberId, 300, endOf2026)
    const before = await extensionFootprint(t, memberId)
    const answer = await extendRequest(t, token, lotId)
    expect(answer).toMatchObject({ status: 409, body: { error: { code: 'EXTENSION_DISABLED' } } })
    expect(await extensionFootprint(t, memberId)).toEqual(before)
    const listed = (await t.json('GET', '/api/me/points/expiring', undefined, token)).body.lots
    expect(listed).toMatchObject([{ lotId, extension: null }])
  })
})

describe('verify-ledgers and extensions', () => {
  const t = useTestApp({}, { verifyLedgers: false })
  it('reports an extension its lot does not follow', async () => {
    const token = await t.joinedMember('13730000021')
    const memberId = (await t.json('GET', '/api/me', undefined, token)).body.member.id
    const lotId = await pointsLot(t, memberId, 300, endOf2026)
    const spend = await pointsLot(t, memberId, 1, null) // any entry id of the member: not a spend of the cost
    const entry = await t.db
      .selectFrom('ledger_lots')
      .select('entry_id')
      .where('id', '=', spend)
      .executeTakeFirstOrThrow()
    expect(await verifyLedgers(t.db)).toEqual([])
    // Written past the application: the row says the lot moved, the lot did not, and no spend paid for it.
    await t.db
      .insertInto('points_lot_extensions')
      .values({
        id: 'plx_forged',
        lot_id: lotId,
        member_id: memberId,
        entry_id: entry.entry_id,
        cost_points: 50,
        extend_days: 30,
        expires_at_before: endOf2026,
        expires_at_after: extendedTo,
        rule_version: 1,
        created_at: t.clock.now().toISOString(),
      })
      .execute()
    expect((await verifyLedgers(t.db)).map((d) => d.problem).sort()).toEqual([
      'extended lot expiry ≠ its extension',
      'extension spend ≠ its cost',
    ])
  })
})
