import { describe, expect, it } from 'vitest'
import { historyEntry } from '../../test/points-fixtures'
import { balanceAfterText, entryDetail, entryTitle, groupByMonth, historyTypeFromParam, kindMark } from './history-copy'

describe('history copy', () => {
  it('names the balance after an entry per ledger', () => {
    expect(balanceAfterText('points', 2997)).toBe('余额 2,997')
    expect(balanceAfterText('growth', 2514)).toBe('成长值 2,514')
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

  const online = { type: 'order', channel: 'online', outletName: null, paidFen: 99_000, refundFen: null } as const
  const store = { ...online, channel: 'outlet', outletName: '徐汇滨江店', paidFen: 8_650 } as const

  it.each([
    ['an online order', { kind: 'order', source: online }, '线上订单', '实付 ¥990.00'],
    ['a till purchase', { kind: 'order', source: store }, '徐汇滨江店', '实付 ¥86.50'],
    ['a refund', { kind: 'refund', source: { ...store, refundFen: 650 } }, '徐汇滨江店退款', '退款 ¥6.50'],
    ['a first-order reward', { kind: 'first_order', kindLabel: '首单奖励', source: online }, '首单奖励', '线上订单'],
    ['a store gone since', { kind: 'order', source: { ...store, outletName: null } }, '门店消费', '实付 ¥86.50'],
    // Old entries of a kind that names an order in its reason, with no order found: the kind, never the id.
    ['an order not found', { kind: 'order', kindLabel: '订单消费', source: null }, '订单消费', null],
    ['a review', { kind: 'review', kindLabel: '评价', reason: '评价订单 e2e-21', source: null }, '评价', null],
    ['a sign-in', { kind: 'sign_in', reason: '每日签到', source: null }, '每日签到', null],
    [
      'a redemption',
      { kind: 'redeem', source: { type: 'redemption', itemTitle: '保温杯', quantity: 2 } },
      '兑换「保温杯」×2',
      null,
    ],
  ] as const)('%s reads %s, %s', (_what, over, title, detail) => {
    const entry = historyEntry(1, over)
    expect(entryTitle(entry)).toBe(title)
    expect(entryDetail(entry)).toBe(detail)
    expect(`${entryTitle(entry)} ${entryDetail(entry)}`).not.toMatch(/demo-|e2e-|[a-z]{3}_[0-9A-Z]{6}/)
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
