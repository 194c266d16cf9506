import { describe, expect, it } from 'vitest'
import { insertMember } from '../outreach/outreach-test-kit'
import { publishedProgram } from '../program/published-program'
import { useTestApp } from '../test/test-app'
import { claimCouponBatch } from './issue-coupon-batch'

describe('claimCouponBatch', () => {
  const t = useTestApp({}, { verifyLedgers: false })
  const coupon = { name: '满100减20', kind: 'cash_off' as const, thresholdFen: 10_000, discountFen: 2_000 }

  it('claims and issues for many members in a few statements, returning exactly the rows written', async () => {
    t.clock.set('2026-12-04T04:00:00Z')
    const program = await publishedProgram(t.db)
    const members = await Promise.all([1, 2, 3].map(() => insertMember(t.db)))
    const issue = { key: 'cmp_test', periodKey: 'once', program, today: '2026-12-04', now: t.clock.now() }
    const grants = members.map((m, i) => ({
      memberId: m.id,
      tierKey: program.rules.tiers[0].key,
      grant: { coupons: [{ ...coupon, count: i + 1, validDays: 7 }] },
    }))
    const claimed = await t.db.transaction().execute((trx) => claimCouponBatch(trx, issue, grants))
    expect(claimed.map((c) => c.coupons.length)).toEqual([1, 2, 3])
    for (const [n, c] of claimed.entries()) {
      const stored = await t.db
        .selectFrom('coupons')
        .selectAll()
        .where('claim_id', '=', c.claimId)
        .orderBy('id')
        .execute()
      expect(stored).toEqual(c.coupons)
      expect(stored.every((row) => row.member_id === members[n].id)).toBe(true)
      // Valid through the end of business day today + 6 (Shanghai midnight of the 11th, 16:00 UTC on the 10th).
      expect(stored[0]).toMatchObject({ status: 'available', valid_until: '2026-12-10T16:00:00.000Z' })
    }
    const claims = await t.db.selectFrom('benefit_claims').selectAll().where('benefit_key', '=', 'cmp_test').execute()
    expect(claims.map((c) => [c.member_id, c.period_key, c.rule_version]).sort()).toEqual(
      members.map((m) => [m.id, 'once', program.version]).sort(),
    )
    const events = await t.db.selectFrom('benefit_events').selectAll().where('benefit_key', '=', 'cmp_test').execute()
    expect(events).toHaveLength(6)
    expect(events.every((e) => e.event === 'claimed' && e.amount_fen === 2_000)).toBe(true)
  })

  it('refuses the whole batch when one member already claimed the period', async () => {
    const program = await publishedProgram(t.db)
    const [a, b] = await Promise.all([insertMember(t.db), insertMember(t.db)])
    const issue = { key: 'cmp_twice', periodKey: 'once', program, today: '2026-12-04', now: t.clock.now() }
    const grant = (memberId: string) => ({
      memberId,
      tierKey: program.rules.tiers[0].key,
      grant: { coupons: [{ ...coupon, count: 1, validDays: 7 }] },
    })
    await t.db.transaction().execute((trx) => claimCouponBatch(trx, issue, [grant(a.id)]))
    await expect(
      t.db.transaction().execute((trx) => claimCouponBatch(trx, issue, [grant(b.id), grant(a.id)])),
    ).rejects.toThrow()
    const coupons = await t.db
      .selectFrom('coupons')
      .select('member_id')
      .where('benefit_key', '=', 'cmp_twice')
      .execute()
    expect(coupons.map((c) => c.member_id)).toEqual([a.id])
  })
})
