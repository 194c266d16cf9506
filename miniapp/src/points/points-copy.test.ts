import { describe, expect, it } from 'vitest'
import { debtWarning, expiringSoonText, heldText, pointsBalanceText } from './points-copy'

describe('points copy', () => {
  it.each([
    [1280, '1,280'],
    [0, '0'],
    [-80, '-80'],
  ])('balance %d → %s', (balance, expected) => {
    expect(pointsBalanceText(balance)).toBe(expected)
  })

  it.each([
    [200, '30 天内将过期 200 积分'],
    [12000, '30 天内将过期 12,000 积分'],
    [0, null],
  ])('expiring %d → %j', (points, expected) => {
    expect(expiringSoonText(points)).toBe(expected)
  })

  it.each([
    [80, '因退款扣回积分，当前欠 80 积分，欠分还清前暂不能使用积分'],
    [0, null],
  ])('debt %d → %j', (debt, expected) => {
    expect(debtWarning(debt)).toBe(expected)
  })

  it.each([
    [80, 1200, '可用 1,200 · 冻结 80'],
    [0, 1280, null],
  ])('held %d, available %d → %j', (held, available, expected) => {
    expect(heldText(held, available)).toBe(expected)
  })
})
