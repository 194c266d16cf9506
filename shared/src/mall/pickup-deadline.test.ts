import { describe, expect, it } from 'vitest'
import { defaultPickupDays, pickupDeadline, pickupExpired } from './pickup-deadline'

const shanghai = { timeZone: 'Asia/Shanghai', dayStartMinute: 0 }

describe('pickupDeadline', () => {
  it('ends with the business day pickupDays days after the day the pickup became collectable', () => {
    // 2026-12-01 10:00 in Shanghai.
    const { lastDay, deadline } = pickupDeadline(new Date('2026-12-01T02:00:00Z'), defaultPickupDays, shanghai)
    expect(lastDay).toBe('2026-12-31')
    // The end of 2026-12-31 in Shanghai is 2027-01-01 00:00 +08:00.
    expect(deadline.toISOString()).toBe('2026-12-31T16:00:00.000Z')
  })

  it('counts from the Shanghai day, not the UTC day', () => {
    // 2026-12-01 23:30 in Shanghai is still 2026-12-01 there (15:30 UTC); 00:30 the next morning is 2026-12-02.
    expect(pickupDeadline(new Date('2026-12-01T15:30:00Z'), 1, shanghai).lastDay).toBe('2026-12-02')
    expect(pickupDeadline(new Date('2026-12-01T16:30:00Z'), 1, shanghai).lastDay).toBe('2026-12-03')
  })

  it('keeps the night before a late day start with the business day it belongs to', () => {
    const lateNight = { timeZone: 'Asia/Shanghai', dayStartMinute: 240 }
    // 2026-12-02 02:00 in Shanghai belongs to business day 2026-12-01 when the day starts at 04:00.
    const { lastDay, deadline } = pickupDeadline(new Date('2026-12-01T18:00:00Z'), 3, lateNight)
    expect(lastDay).toBe('2026-12-04')
    // Business day 2026-12-04 ends at 2026-12-05 04:00 Shanghai time.
    expect(deadline.toISOString()).toBe('2026-12-04T20:00:00.000Z')
  })

  it('follows a zone with daylight saving time across its change', () => {
    const newYork = { timeZone: 'America/New_York', dayStartMinute: 0 }
    // 2026-10-30 09:00 EDT; seven days on is 2026-11-06, which ends at midnight EST (UTC-5) after the 11-01 change.
    const { lastDay, deadline } = pickupDeadline(new Date('2026-10-30T13:00:00Z'), 7, newYork)
    expect(lastDay).toBe('2026-11-06')
    expect(deadline.toISOString()).toBe('2026-11-07T05:00:00.000Z')
  })
})

describe('pickupExpired', () => {
  const deadline = '2026-12-31T16:00:00.000Z'
  it('lapses at the deadline, not before', () => {
    expect(pickupExpired(deadline, new Date('2026-12-31T15:59:59.999Z'))).toBe(false)
    expect(pickupExpired(deadline, new Date(deadline))).toBe(true)
    expect(pickupExpired(deadline, new Date('2027-01-02T00:00:00Z'))).toBe(true)
  })

  it('never lapses without a deadline (redemptions from before deadlines existed)', () => {
    expect(pickupExpired(null, new Date('2099-01-01T00:00:00Z'))).toBe(false)
  })
})
