import { describe, expect, it } from 'vitest'
import { historyEntry } from '../../test/points-fixtures'
import { balanceAfterText, groupByMonth, historyTypeFromParam, kindMark, signedAmountText } from './history-copy'

describe('history copy', () => {
  it.each([
    ['points', 1188, '+1,188'],
    ['points', -80, '-80'],
    ['points', -12345, '-12,345'],
    ['growth', 2514, '+2514'],
    ['growth', -5, '-5'],
  ] as const)('%s %i reads %s', (type, amount, text) => expect(signedAmountText(type, amount)).toBe(text))

  it('names the balance after an entry per ledger', () => {
    expect(balanceAfterText('points', 2997)).toBe('余额 2,997')
    expect(balanceAfterText('growth', 2514)).toBe('成长值 2514')
  })

  it.each([
    ['points', 'points'],
    ['growth', 'growth'],
    [undefined, 'growth'],
    ['coupons', 'growth'],
  ] as const)('type=%s opens the %s history', (param, type) => expect(historyTypeFromParam(param)).toBe(type))

  it('marks each kind with one character, falling back to the label', () => {
    expect(kindMark('sign_in', '每日签到')).toBe('签')
    expect(kindMark('lottery', '抽奖')).toBe('抽')
  })

  it('groups entries by their Shanghai month in order', () => {
    const entries = [
      historyEntry(3, { occurredAt: '2026-11-02T15:59:27Z' }),
      // 2026-10-31 17:00 UTC is already 1 November in Shanghai.
      historyEntry(2, { occurredAt: '2026-10-31T17:00:00Z' }),
      historyEntry(1, { occurredAt: '2026-10-31T15:00:00Z' }),
    ]
    expect(groupByMonth(entries).map((g) => [g.month, g.entries.length])).toEqual([
      ['2026年11月', 2],
      ['2026年10月', 1],
    ])
  })
})
