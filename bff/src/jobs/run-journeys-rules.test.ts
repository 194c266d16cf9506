import { armFor } from '@mc/shared'
import { beforeAll, describe, expect, it } from 'vitest'
import { saveMemberPrefs } from '../outreach/notification-prefs'
import { useTestApp } from '../test/test-app'
import { inboxOf, joinedMemberId, journeysAt, orderNow, saveJourneySettings, sendsOf } from './journeys-test-kit'
import { runJourneys } from './run-journeys'

const at = (day: string) => `${day}T02:00:00.000Z`
const only = async (t: ReturnType<typeof useTestApp>, memberId: string, journey: string) =>
  (await sendsOf(t, memberId)).filter((s) => s.source_id === journey)
const growthOf = async (t: ReturnType<typeof useTestApp>, memberId: string) =>
  (
    await t.db
      .selectFrom('ledger_accounts')
      .select('balance')
      .where('member_id', '=', memberId)
      .where('ledger', '=', 'growth')
      .executeTakeFirstOrThrow()
  ).balance

describe('journeys: near next tier', () => {
  const t = useTestApp({}, { verifyLedgers: false })
  let byShare: string
  let byTypicalOrder: string
  let far: string
  beforeAll(async () => {
    await saveJourneySettings(t)
    t.clock.set(at('2026-11-23'))
    ;[byShare, byTypicalOrder, far] = [await joinedMemberId(t), await joinedMemberId(t), await joinedMemberId(t)]
  })

  it('nudges within 20% of the next threshold or within one typical order, at most once per 14 days', async () => {
    t.clock.set(at('2026-12-01'))
    // Each first order also earns the first-order task's 100 growth, so the orders are 100 growth smaller than the
    // figures they must reach.
    await orderNow(t, byShare, 'NN-1', 32_000)
    await orderNow(t, byTypicalOrder, 'NN-2', 18_000)
    await orderNow(t, far, 'NN-4', 5_000)
    // 白银 needs 500: 80 short is within 20% of it; 220 short is more than one typical order (180) away.
    expect([await growthOf(t, byShare), await growthOf(t, byTypicalOrder), await growthOf(t, far)]).toEqual([
      420, 280, 150,
    ])
    await journeysAt(t, at('2026-12-01'))
    expect((await only(t, byShare, 'near_next')).map((s) => s.period)).toEqual(['silver@2026-12-01'])
    expect(await only(t, byTypicalOrder, 'near_next')).toEqual([])
    expect(await only(t, far, 'near_next')).toEqual([])
    expect((await inboxOf(t, byShare)).find((n) => n.kind === 'near_next')).toEqual({
      kind: 'near_next',
      title: '离白银会员只差一点',
      body: '再得 80 成长值即可升级白银会员，完成一笔满¥80的订单。',
      page: '/pages/home/index',
    })
    // 105 short after an order of 115: beyond 20% (100) but within one typical order (median of 115 and 180).
    // The member nudged on the 1st earns again: still cooling down.
    t.clock.set(at('2026-12-04'))
    await orderNow(t, byTypicalOrder, 'NN-5', 11_500)
    await orderNow(t, byShare, 'NN-6', 1_000)
    await journeysAt(t, at('2026-12-04'))
    expect((await only(t, byTypicalOrder, 'near_next')).map((s) => s.period)).toEqual(['silver@2026-12-04'])
    expect(await only(t, byShare, 'near_next')).toHaveLength(1)
    // Past the 14-day cooldown, new growth while still near nudges again.
    t.clock.set(at('2026-12-16'))
    await orderNow(t, byShare, 'NN-7', 1_000)
    await journeysAt(t, at('2026-12-16'))
    expect((await only(t, byShare, 'near_next')).map((s) => s.period)).toEqual([
      'silver@2026-12-01',
      'silver@2026-12-16',
    ])
  })
})

describe('journeys: points expiring', () => {
  const t = useTestApp({}, { verifyLedgers: false })
  let member: string
  beforeAll(async () => {
    await saveJourneySettings(t)
    t.clock.set(at('2026-11-23'))
    member = await joinedMemberId(t)
    await orderNow(t, member, 'PE-1', 10_000, true) // points lapse when 2027 ends
  })

  it('tells 7 days ahead, once per expiry day, with the extend-by-points offer of the rules', async () => {
    await journeysAt(t, at('2027-12-23'))
    expect(await only(t, member, 'points_expiring')).toEqual([])
    await journeysAt(t, at('2027-12-24'))
    await journeysAt(t, at('2027-12-25'))
    expect((await only(t, member, 'points_expiring')).map((s) => [s.period, s.outcome])).toEqual([
      ['2027-12-31', 'sent'],
    ])
    const message = (await inboxOf(t, member)).find((n) => n.kind === 'points_expiring')
    // The order's 100 points and the first-order task's 100 earned with it lapse together.
    expect(message).toMatchObject({ title: '200 积分即将过期', page: '/points/pages/expiring/index' })
    expect(message?.body).toBe('你有 200 积分将于2027-12-31过期，快去积分商城兑换吧。可用 50 积分延期 30 天。')
  })
})

describe('journeys: holdouts, weekly cap, quiet hours, switches and reruns', () => {
  const t = useTestApp({}, { verifyLedgers: false })

  it('records a held-out member as holdout and sends them nothing, by the same deterministic arm', async () => {
    await saveJourneySettings(t, (s) => {
      s.journeys.birthday.holdoutPercent = 50
    })
    t.clock.set(at('2026-11-01'))
    const members: string[] = []
    for (let i = 0; i < 12; i += 1) members.push(await joinedMemberId(t, '1990-11-20'))
    await journeysAt(t, at('2026-11-02'))
    for (const id of members) {
      const arm = armFor(id, 'birthday', 50, 1)
      expect(await only(t, id, 'birthday')).toEqual([
        { source_id: 'birthday', period: '2026', outcome: arm === 'holdout' ? 'holdout' : 'sent', arm },
      ])
      expect((await inboxOf(t, id)).filter((n) => n.kind === 'birthday')).toHaveLength(arm === 'holdout' ? 0 : 1)
    }
    const arms = members.map((id) => armFor(id, 'birthday', 50, 1))
    expect(arms).toContain('holdout')
    expect(arms).toContain('A')
  })

  it('caps a member at the weekly number of messages across journeys', async () => {
    await saveJourneySettings(t, (s) => {
      s.frequencyCapPerWeek = 1
    })
    t.clock.set(at('2026-11-03'))
    const member = await joinedMemberId(t, '1990-12-05')
    await orderNow(t, member, 'CAP-1', 10_000, true) // points lapse when 2027 ends
    await journeysAt(t, at('2027-12-24'))
    // Points expiring runs before birthday: it is sent, and the birthday greeting the same day is capped.
    expect((await sendsOf(t, member)).map((s) => [s.source_id, s.outcome])).toEqual([
      ['points_expiring', 'sent'],
      ['birthday', 'capped'],
    ])
    expect((await inboxOf(t, member)).map((n) => n.kind)).toEqual(['points_expiring'])
  })

  it('holds an SMS until quiet hours end while the inbox gets the message at once', async () => {
    await saveJourneySettings(t, (s) => {
      s.sms.signName = '会员中心'
      s.sms.templates.care = { templateCode: 'SMS_CARE', params: { name: '{会员昵称}' } }
    })
    t.clock.set(at('2028-01-01'))
    const member = await joinedMemberId(t, '1992-01-09')
    await saveMemberPrefs(t.db, member, { mutedCategories: [], smsConsent: true }, t.clock.now())
    await journeysAt(t, '2028-01-01T16:30:00.000Z') // 00:30 on 2 January in Shanghai: inside 21:00–09:00
    const outbox = await t.db
      .selectFrom('outbox')
      .select(['channel', 'state', 'next_attempt_at', 'sent_at'])
      .where('member_id', '=', member)
      .orderBy('channel')
      .execute()
    expect(outbox).toEqual([
      { channel: 'inbox', state: 'sent', next_attempt_at: null, sent_at: '2028-01-01T16:30:00.000Z' },
      { channel: 'sms', state: 'pending', next_attempt_at: '2028-01-02T01:00:00.000Z', sent_at: null },
    ])
    expect((await inboxOf(t, member)).map((n) => n.kind)).toEqual(['birthday'])
  })

  it('sends nothing for a switched-off journey, and a second run of the day sends nothing more', async () => {
    await saveJourneySettings(t, (s) => {
      s.journeys.birthday.enabled = false
    })
    t.clock.set(at('2028-02-01'))
    const member = await joinedMemberId(t, '1993-02-10')
    const off = await journeysAt(t, at('2028-02-02'))
    expect(off).toMatchObject({ ran: true })
    expect(off.ran && Object.keys(off.journeys)).not.toContain('birthday')
    expect(await sendsOf(t, member)).toEqual([])

    await saveJourneySettings(t)
    const on = await journeysAt(t, at('2028-02-03'), {})
    expect(on.ran && on.journeys.birthday).toEqual({ due: 1, sent: 1, holdout: 0, capped: 0 })
    expect(await runJourneys(t.deps, t.clock.now(), 'test')).toEqual({
      ran: false,
      businessDay: '2028-02-03',
      reason: 'already_ran_today',
    })
    const total = async () =>
      Number(
        (
          await t.db
            .selectFrom('engagement_sends')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )
    const before = await total()
    const forced = await runJourneys(t.deps, t.clock.now(), 'test', { force: true })
    expect(forced.ran && Object.values(forced.journeys).every((c) => c.sent + c.holdout + c.capped === 0)).toBe(true)
    expect(await total()).toBe(before)
    expect((await sendsOf(t, member)).map((s) => s.period)).toEqual(['2028'])
  })
})
