import { describe, expect, it } from 'vitest'
import { saveMemberPrefs } from '../outreach/notification-prefs'
import { recordingSender } from '../outreach/outreach-test-kit'
import { mallItem, memberWithPoints, pointsAndStock, redeem } from '../test/mall-fixtures'
import { useTestApp, type TestApp } from '../test/test-app'
import { acquireLease, releaseLease } from './job-lease'
import { joinedMemberId, saveJourneySettings } from './journeys-test-kit'
import { startScheduler } from './scheduler'

/**
 * The real scheduler with the test as its timer: `tick()` does what the minutely interval would, and
 * resolves once that tick's jobs have finished (the first call joins the tick the scheduler runs on start).
 */
function drivenSchedulerOf(t: TestApp, holder: string) {
  let timerTick: (() => Promise<void>) | null = null
  let intervalMs = 0
  const stop = startScheduler(t.deps, {
    holder,
    every: (ms, tick) => {
      intervalMs = ms
      timerTick = tick
      return () => {
        timerTick = null
      }
    },
  })
  return {
    intervalMs: () => intervalMs,
    tick: () => {
      if (!timerTick) throw new Error('the scheduler was stopped')
      return timerTick()
    },
    stop,
  }
}

describe('the scheduler sweeps unpaid redemptions under its lease', () => {
  const t = useTestApp()

  const drivenScheduler = (holder: string) => drivenSchedulerOf(t, holder)

  /** A member's points-plus-cash redemption (80 points + ¥9.90) placed with the local provider and not paid. */
  async function pendingRedemption() {
    const item = await mallItem(t, { pointsPrice: 80, cashFen: 990, stock: 3 })
    const member = await memberWithPoints(t, 100)
    const placed = await redeem(t, member.token, { itemId: item.id })
    expect(placed.status).toBe(201)
    expect(await pointsAndStock(t, member.memberId, item.id)).toEqual({ balance: 100, held: 80, stock: 2 })
    return { itemId: item.id, memberId: member.memberId, redemptionId: placed.body.redemption.id as string }
  }

  const status = async (redemptionId: string) =>
    (
      await t.db
        .selectFrom('mall_redemptions')
        .select('status')
        .where('id', '=', redemptionId)
        .executeTakeFirstOrThrow()
    ).status
  const leaseHolder = async () =>
    (await t.db.selectFrom('job_leases').select('holder').where('job', '=', 'mall_expiry').executeTakeFirst())
      ?.holder ?? null

  it('expires an overdue points-plus-cash redemption on its minutely tick, and gives the lease back', async () => {
    const { itemId, memberId, redemptionId } = await pendingRedemption()
    const scheduler = drivenScheduler('bff-a')
    try {
      expect(scheduler.intervalMs()).toBe(60_000)
      await scheduler.tick()
      expect(await status(redemptionId)).toBe('pending_payment')

      t.clock.advanceMs(15 * 60_000)
      await scheduler.tick()
      expect(await status(redemptionId)).toBe('expired')
      expect(await pointsAndStock(t, memberId, itemId)).toEqual({ balance: 100, held: 0, stock: 3 })
      expect(await leaseHolder()).toBeNull()
    } finally {
      scheduler.stop()
    }
  })

  it('leaves the sweep to another instance while that one holds the lease, and takes over once it lapses', async () => {
    const { itemId, memberId, redemptionId } = await pendingRedemption()
    t.clock.advanceMs(15 * 60_000)
    // Another BFF instance is mid-sweep: it holds the mall expiry lease for five minutes.
    expect(await acquireLease(t.db, 'mall_expiry', 'bff-other', t.clock.now(), 5 * 60_000)).toBe(true)
    const scheduler = drivenScheduler('bff-b')
    try {
      await scheduler.tick()
      expect(await status(redemptionId)).toBe('pending_payment')
      expect(await leaseHolder()).toBe('bff-other')

      t.clock.advanceMs(4 * 60_000)
      await scheduler.tick()
      expect(await status(redemptionId)).toBe('pending_payment')
      expect(await pointsAndStock(t, memberId, itemId)).toEqual({ balance: 100, held: 80, stock: 2 })

      // The other instance died without releasing: its lease lapses and this one sweeps.
      t.clock.advanceMs(60_000 + 1)
      await scheduler.tick()
      expect(await status(redemptionId)).toBe('expired')
      expect(await pointsAndStock(t, memberId, itemId)).toEqual({ balance: 100, held: 0, stock: 3 })
      expect(await leaseHolder()).toBeNull()
    } finally {
      scheduler.stop()
    }
  })

  it('sweeps as soon as the other instance releases the lease', async () => {
    const { redemptionId } = await pendingRedemption()
    t.clock.advanceMs(15 * 60_000)
    expect(await acquireLease(t.db, 'mall_expiry', 'bff-other', t.clock.now(), 5 * 60_000)).toBe(true)
    const scheduler = drivenScheduler('bff-c')
    try {
      await scheduler.tick()
      expect(await status(redemptionId)).toBe('pending_payment')
      await releaseLease(t.db, 'mall_expiry', 'bff-other')
      await scheduler.tick()
      expect(await status(redemptionId)).toBe('expired')
    } finally {
      scheduler.stop()
    }
  })
})

describe('the scheduler runs the journeys after the daily jobs, then drains the outbox', () => {
  const recording = recordingSender()
  const t = useTestApp({ outreach: { sms: recording.sms } })

  it('greets a birthday member on the day its journeys run and sends the SMS on the same tick, once', async () => {
    await saveJourneySettings(t, (s) => {
      s.quietHours = { start: '00:00', end: '00:00' }
      s.sms.signName = '会员中心'
      s.sms.templates.care = { templateCode: 'SMS_CARE', params: { name: '{会员昵称}' } }
    })
    t.clock.set('2026-11-23T02:00:00.000Z')
    const memberId = await joinedMemberId(t, '1990-11-30')
    await saveMemberPrefs(t.db, memberId, { mutedCategories: [], smsConsent: true }, t.clock.now())
    const scheduler = drivenSchedulerOf(t, 'bff-journeys')
    try {
      await scheduler.tick()
      const runs = await t.db.selectFrom('job_runs').select(['job', 'business_day']).orderBy('job').execute()
      expect(runs.filter((r) => r.business_day === '2026-11-23').map((r) => r.job)).toEqual(['daily', 'journeys'])
      expect(recording.sender.calls).toEqual([
        { to: expect.any(String), templateId: 'SMS_CARE', data: { name: expect.any(String) }, page: null },
      ])
      const outbox = await t.db
        .selectFrom('outbox')
        .select(['channel', 'state'])
        .where('member_id', '=', memberId)
        .execute()
      expect(outbox.sort((a, b) => a.channel.localeCompare(b.channel))).toEqual([
        { channel: 'inbox', state: 'sent' },
        { channel: 'sms', state: 'sent' },
      ])
      t.clock.advanceMs(60_000)
      await scheduler.tick()
      expect(recording.sender.calls).toHaveLength(1)
      const leases = await t.db.selectFrom('job_leases').select('job').execute()
      expect(leases).toEqual([])
    } finally {
      scheduler.stop()
    }
  })
})
