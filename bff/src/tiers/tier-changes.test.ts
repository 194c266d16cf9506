import { businessDayOf, evaluateValidityEnd } from '@mc/shared'
import { beforeAll, describe, expect, it } from 'vitest'
import { recordTierChange } from './member-tier'
import { publishedProgram } from '../program/published-program'
import { type TestApp, useTestApp } from '../test/test-app'
import { sweepTiers } from '../jobs/sweep-tiers'

const now = new Date('2027-06-01T02:00:00.000Z')
const at = '2026-06-01T02:00:00.000Z'

/** Members on every side of validity end and of the retain thresholds; one without a growth account at all. */
const members: Array<{ id: string; tier: string; validUntil: string | null; growth: number | null }> = [
  { id: 'mbr_1', tier: 'silver', validUntil: '2027-05-31', growth: 450 },
  { id: 'mbr_2', tier: 'gold', validUntil: '2027-05-20', growth: 1700 },
  { id: 'mbr_3', tier: 'gold', validUntil: '2027-05-31', growth: 500 },
  { id: 'mbr_4', tier: 'silver', validUntil: '2027-05-31', growth: 100 },
  { id: 'mbr_5', tier: 'silver', validUntil: '2027-06-01', growth: 0 },
  { id: 'mbr_6', tier: 'regular', validUntil: null, growth: 10 },
  { id: 'mbr_7', tier: 'gold', validUntil: '2027-01-01', growth: null },
]

/** Writes the members under `prefix`, so one database holds them twice: once per writer compared. */
async function seed(t: TestApp, prefix: string) {
  for (const [i, m] of members.entries()) {
    const id = `${prefix}${m.id}`
    await t.db
      .insertInto('members')
      .values({
        id,
        openid: null,
        unionid: null,
        phone: `139${prefix === 'x_' ? 1 : 2}000000${i}`,
        nickname: m.id,
        joined_at: at,
        source_outlet_id: null,
        source_channel: 'shop',
        birthday: null,
        created_at: at,
      })
      .execute()
    await t.db
      .insertInto('member_tiers')
      .values({ member_id: id, tier_key: m.tier, valid_until: m.validUntil, since: at, rule_version: 1 })
      .execute()
    if (m.growth !== null)
      await t.db
        .insertInto('ledger_accounts')
        .values({ member_id: id, ledger: 'growth', balance: m.growth, held: 0, version: 1 })
        .execute()
  }
}

/** One writer's rows with the prefix taken off, so the two copies compare. */
const snapshot = async (t: TestApp, prefix: string) =>
  JSON.parse(
    JSON.stringify([
      await t.db
        .selectFrom('member_tiers')
        .selectAll()
        .where('member_id', 'like', `${prefix}%`)
        .orderBy('member_id')
        .execute(),
      await t.db
        .selectFrom('tier_changes')
        .select([
          'member_id',
          'kind',
          'from_key',
          'to_key',
          'valid_until',
          'growth',
          'business_day',
          'rule_version',
          'created_at',
        ])
        .where('member_id', 'like', `${prefix}%`)
        .orderBy('member_id')
        .orderBy('id')
        .execute(),
    ]).replaceAll(`"${prefix}`, '"'),
  )

describe('tier changes written in bulk', () => {
  const t = useTestApp({}, { verifyLedgers: false })
  beforeAll(async () => {
    await seed(t, 'x_') // moved on member by member through recordTierChange: the reference
    await seed(t, 'y_') // moved on by the sweep's bulk writer
  })

  it('write exactly the rows recordTierChange writes member by member', async () => {
    const program = await publishedProgram(t.db)
    // The reference first, as the sweep used to: each due member in its own transaction through recordTierChange.
    const today = businessDayOf(now, program.rules.calendar)
    for (const m of members) {
      const change = evaluateValidityEnd(program.rules, { key: m.tier, validUntil: m.validUntil }, m.growth ?? 0, today)
      if (change)
        await t.db
          .transaction()
          .execute((trx) =>
            recordTierChange(trx, { memberId: `x_${m.id}`, change, growth: m.growth ?? 0, program, now }),
          )
    }
    // Then the sweep, which now finds only the other copy due.
    expect(await sweepTiers(t.db, program, now, 2)).toMatchObject({ evaluated: 5 })
    expect(await snapshot(t, 'y_')).toEqual(await snapshot(t, 'x_'))
    expect(await sweepTiers(t.db, program, now)).toEqual({ evaluated: 0, retained: 0, downgraded: 0 })
  })
})
