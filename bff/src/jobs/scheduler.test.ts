import { describe, expect, it } from 'vitest'
import { mallItem, memberWithPoints, pointsAndStock, redeem } from '../test/mall-fixtures'
import { useTestApp } from '../test/test-app'
import { acquireLease, releaseLease } from './job-lease'
import { startScheduler } from './scheduler'

describe('the scheduler sweeps unpaid redemptions under its lease', () => {
  const t = useTestApp()

  /**
   * The real scheduler with the test as its timer: `tick()` does what the minutely interval would, and
   * resolves once that tick's jobs have finished (the first call joins the tick the scheduler runs on start).
   */
  function drivenScheduler(holder: string) {
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
