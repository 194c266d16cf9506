import { addDays } from '@mc/shared'
import { beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../test/test-app'
import { inboxOf, joinedMemberId, journeysAt, orderNow, saveJourneySettings, sendsOf } from './journeys-test-kit'

// Times are UTC; the program's business day is Shanghai's (UTC+8), so 02:00Z is 10:00 the same day.
const at = (day: string) => `${day}T02:00:00.000Z`
const only = async (t: ReturnType<typeof useTestApp>, memberId: string, journey: string) =>
  (await sendsOf(t, memberId)).filter((s) => s.source_id === journey)

describe('journeys: retention at risk', () => {
  const t = useTestApp({}, { verifyLedgers: false })
  let atRisk: string
  let safe: string
  let validUntil: string
  beforeAll(async () => {
    await saveJourneySettings(t)
    t.clock.set(at('2026-11-23'))
    atRisk = await joinedMemberId(t)
    safe = await joinedMemberId(t)
    await orderNow(t, atRisk, 'RR-1', 60_000) // 白银 until 2027-11-23; all its growth lapses by then
    await orderNow(t, safe, 'RR-2', 60_000)
    t.clock.set(at('2027-10-01'))
    await orderNow(t, safe, 'RR-3', 50_000) // 500 growth that still counts at validity end: retained
    const row = await t.db
      .selectFrom('member_tiers')
      .select('valid_until')
      .where('member_id', '=', atRisk)
      .executeTakeFirstOrThrow()
    validUntil = row.valid_until ?? ''
  })

  it('reminds 30, 7 and 1 days before validity ends, only a member missing the retain threshold', async () => {
    expect(validUntil).toBe('2027-11-23')
    await journeysAt(t, at(addDays(validUntil, -30))) // 31 days left: not yet
    expect(await only(t, atRisk, 'retention_risk')).toEqual([])
    await journeysAt(t, at(addDays(validUntil, -29)))
    await journeysAt(t, at(addDays(validUntil, -29))) // the same day again: nothing more
    await journeysAt(t, at(addDays(validUntil, -28)))
    await journeysAt(t, at(addDays(validUntil, -6)))
    await journeysAt(t, at(validUntil))
    expect((await only(t, atRisk, 'retention_risk')).map((s) => [s.period, s.outcome])).toEqual([
      ['2027-11-23:30', 'sent'],
      ['2027-11-23:7', 'sent'],
      ['2027-11-23:1', 'sent'],
    ])
    expect(await only(t, safe, 'retention_risk')).toEqual([])
    const inbox = (await inboxOf(t, atRisk)).filter((n) => n.kind === 'retention_risk')
    expect(inbox[0]).toEqual({
      kind: 'retention_risk',
      title: '白银会员将于2027-11-23到期',
      body: '还有 30 天，再得 400 成长值即可保级：完成一笔满¥400的订单。',
      page: '/membership/pages/tiers/index',
    })
  })

  it('tells a member the sweep downgraded what they lost and how to come back, in the sweep', async () => {
    await journeysAt(t, at(addDays(validUntil, 1)))
    await journeysAt(t, at(addDays(validUntil, 1)))
    expect((await only(t, atRisk, 'downgraded')).map((s) => [s.period, s.outcome])).toEqual([
      ['regular@2027-11-24', 'sent'],
    ])
    const inbox = (await inboxOf(t, atRisk)).filter((n) => n.kind === 'downgraded')
    expect(inbox).toEqual([
      {
        kind: 'downgraded',
        title: '会员等级调整为普通会员',
        body: '你的等级由白银会员调整为普通会员，暂停享有每月领券、会员价。完成一笔满¥500的订单即可回到白银会员。',
        page: '/membership/pages/tiers/index',
      },
    ])
    expect(await only(t, safe, 'downgraded')).toEqual([])
  })
})

describe('journeys: win-back', () => {
  const t = useTestApp({}, { verifyLedgers: false })
  let silver: string
  let regular: string
  let returning: string
  beforeAll(async () => {
    await saveJourneySettings(t, (s) => {
      s.journeys.win_back.minTierKey = 'silver'
    })
    t.clock.set(at('2026-11-23'))
    silver = await joinedMemberId(t)
    regular = await joinedMemberId(t)
    returning = await joinedMemberId(t)
    await orderNow(t, silver, 'WB-1', 60_000)
    await orderNow(t, regular, 'WB-2', 10_000)
    await orderNow(t, returning, 'WB-3', 60_000)
    t.clock.set(at('2026-12-10'))
    await orderNow(t, returning, 'WB-4', 10_000)
  })

  it('gives a member of the chosen tier a real coupon once, 30 days after their last order', async () => {
    await journeysAt(t, at('2026-12-22'))
    expect(await only(t, silver, 'win_back')).toEqual([])
    await journeysAt(t, at('2026-12-23'))
    await journeysAt(t, at('2026-12-24'))
    expect((await only(t, silver, 'win_back')).map((s) => [s.period, s.outcome])).toEqual([['2026-11-23', 'sent']])
    const coupons = await t.db
      .selectFrom('coupons')
      .innerJoin('benefit_claims', 'benefit_claims.id', 'coupons.claim_id')
      .select(['coupons.name', 'coupons.threshold_fen', 'coupons.discount_fen', 'benefit_claims.period_key'])
      .where('coupons.member_id', '=', silver)
      .where('coupons.benefit_key', '=', 'win_back')
      .execute()
    expect(coupons).toEqual([{ name: '满200减50', threshold_fen: 20000, discount_fen: 5000, period_key: '2026-11-23' }])
    const inbox = (await inboxOf(t, silver)).filter((n) => n.kind === 'win_back')
    expect(inbox.map((n) => n.body)).toEqual([
      expect.stringMatching(/你已 30 天没来了，送你满200减50，2027-01-05前有效。$/),
    ])
    // Below the chosen tier, or ordered again since: nothing.
    expect(await only(t, regular, 'win_back')).toEqual([])
    expect(await only(t, returning, 'win_back')).toEqual([])
    await journeysAt(t, at('2027-01-09'))
    expect((await only(t, returning, 'win_back')).map((s) => s.period)).toEqual(['2026-12-10'])
  })
})

describe('journeys: birthday', () => {
  const t = useTestApp({}, { verifyLedgers: false })
  let member: string
  let other: string
  beforeAll(async () => {
    await saveJourneySettings(t)
    t.clock.set(at('2026-11-23'))
    member = await joinedMemberId(t, '1990-12-15')
    other = await joinedMemberId(t, '1991-01-15')
  })

  it('greets in the birthday month, once a year, with the tier birthday gift', async () => {
    await journeysAt(t, at('2026-11-30'))
    expect(await only(t, member, 'birthday')).toEqual([])
    await journeysAt(t, at('2026-12-01'))
    await journeysAt(t, at('2026-12-20'))
    await journeysAt(t, at('2027-12-02'))
    expect((await only(t, member, 'birthday')).map((s) => s.period)).toEqual(['2026', '2027'])
    expect(await only(t, other, 'birthday')).toEqual([])
    const [first] = await inboxOf(t, member)
    expect(first).toMatchObject({ kind: 'birthday', title: '生日快乐', page: '/benefits/pages/list/index' })
    expect(first.body).toMatch(/普通会员专属生日礼：生日礼券，本月内可领取。$/)
  })
})
