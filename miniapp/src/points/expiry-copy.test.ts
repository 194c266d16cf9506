import { describe, expect, it } from 'vitest'
import {
  daysLeft,
  daysLeftText,
  expiringDays,
  expiringDayText,
  expirySummary,
  expiryRuleText,
  extendedFromText,
  extensionButtonText,
  extensionConfirmText,
  extensionLots,
  lapsesSoon,
  lastUsableDay,
} from './expiry-copy'

describe('expiry copy', () => {
  it('reads the instant points lapse as the last day they can be used, in Shanghai', () => {
    // 2027-12-31T16:00Z is midnight starting 2028-01-01 in Shanghai.
    expect(lastUsableDay('2027-12-31T16:00:00.000Z')).toBe('2027-12-31')
    expect(lastUsableDay('2027-03-05T20:00:00.000Z')).toBe('2027-03-06')
  })

  it('merges lots lapsing on the same day and orders the days', () => {
    const days = expiringDays([
      { points: 600, expiresAt: '2027-12-31T16:00:00.000Z' },
      { points: 120, expiresAt: '2027-06-30T16:00:00.000Z' },
      { points: 1000, expiresAt: '2027-12-31T12:00:00.000Z' },
    ])
    expect(days).toEqual([
      { day: '2027-06-30', points: 120 },
      { day: '2027-12-31', points: 1600 },
    ])
    expect(expiringDayText({ day: '2027-12-31', points: 600 })).toBe('2027年12月31日 过期 600 积分')
    expect(expiringDayText(days[1])).toBe('2027年12月31日 过期 1,600 积分')
  })

  it('counts the days left in Shanghai days', () => {
    const now = new Date('2026-11-23T17:00:00Z') // already 24 November in Shanghai
    expect(daysLeft('2026-11-24', now)).toBe(0)
    expect(daysLeft('2026-12-31', now)).toBe(37)
    expect([0, 1, 37].map(daysLeftText)).toEqual(['今天到期', '明天到期', '还剩 37 天'])
  })

  it('explains a year-end rule when every lot lapses on 31 December, and a generic rule otherwise', () => {
    expect(
      expiryRuleText([
        { day: '2027-12-31', points: 600 },
        { day: '2028-12-31', points: 5 },
      ]),
    ).toBe('积分按自然年度清零：每年获得的积分有效期至次年12月31日，到期未使用将自动失效。')
    expect(expiryRuleText([{ day: '2027-06-30', points: 600 }])).toBe(
      '每笔积分都有各自的有效期，到期未使用的积分将自动失效，请在到期前使用。',
    )
    expect(expiryRuleText([])).not.toContain('12月31日')
  })

  describe('the head of the page: an alarm only within the warning window', () => {
    const now = new Date('2026-12-03T04:00:00Z') // 3 December in Shanghai
    it('marks the 30 days home warns about as soon, and the day after as later', () => {
      expect(lapsesSoon('2027-01-02', now)).toBe(true) // 30 days left
      expect(lapsesSoon('2027-01-03', now)).toBe(false) // 31
    })

    it('reads calm when everything lapses after the window, like 3,766 points 393 days away', () => {
      expect(expirySummary([{ day: '2027-12-31', points: 3766 }], now)).toEqual({
        alarm: false,
        label: '积分到期安排',
        total: 3766,
        note: '30 天内没有积分过期；最近一批将于 2027年12月31日 到期，还剩 393 天',
      })
    })

    it('alarms only for the points lapsing within the window, and counts only them', () => {
      const days = [
        { day: '2026-12-31', points: 1200 },
        { day: '2027-12-31', points: 2566 },
      ]
      expect(expirySummary(days, now)).toEqual({
        alarm: true,
        label: '30 天内将过期积分',
        total: 1200,
        note: '将于 2026年12月31日 到期，请及时使用',
      })
      const twoSoon = [{ day: '2026-12-10', points: 80 }, ...days]
      expect(expirySummary(twoSoon, now)).toMatchObject({
        alarm: true,
        total: 1280,
        note: '最近一批 80 积分将于 2026年12月10日 到期，请及时使用',
      })
    })

    it('says there is nothing scheduled when no lot lapses', () => {
      expect(expirySummary([], now)).toEqual({
        alarm: false,
        label: '即将过期积分',
        total: 0,
        note: '您的积分暂无到期安排',
      })
    })
  })
})

describe('extension copy', () => {
  const offer = { costPoints: 50, expiresAtAfter: '2027-01-30T16:00:00.000Z' }
  it('names the cost and the last day the extended points can be used', () => {
    expect(extensionButtonText(offer)).toBe('花 50 积分延期至 2027年1月30日')
    expect(extensionConfirmText({ points: 1200 }, offer)).toBe(
      '将花费 50 积分，这笔 1,200 积分的有效期延至 2027年1月30日。每笔积分只能延期一次。',
    )
    expect(extendedFromText('2026-12-31T16:00:00.000Z')).toBe('已延期 · 原 2026年12月31日 到期')
  })

  it('lists only lots offered an extension or already extended', () => {
    const lot = {
      lotId: 'plt_a',
      points: 10,
      expiresAt: '2026-12-31T16:00:00.000Z',
      extension: null,
      extendedFrom: null,
    }
    const offered = { ...lot, lotId: 'plt_b', extension: offer }
    const extended = { ...lot, lotId: 'plt_c', extendedFrom: '2026-11-30T16:00:00.000Z' }
    expect(extensionLots([lot, offered, extended]).map((l) => l.lotId)).toEqual(['plt_b', 'plt_c'])
  })
})
