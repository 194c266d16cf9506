import { describe, expect, it } from 'vitest'
import type { NextTierPath } from '@mc/shared'
import { atRiskGrowthText, pathsSentence, pendingGrowthText, retainSentence, validUntilText } from './progress-copy'

describe('pathsSentence', () => {
  it.each<[NextTierPath[], string | null]>([
    [
      [
        { kind: 'order', amountFen: 20000 },
        { kind: 'sign_in', days: 100 },
      ],
      '再下一单满 ¥200 或签到 100 天即可升级',
    ],
    [[{ kind: 'order', amountFen: 8650 }], '再下一单满 ¥86.50 即可升级'],
    [[{ kind: 'sign_in', days: 5 }], '再签到 5 天即可升级'],
    [[{ kind: 'order', amountFen: 150000 }], '再下一单满 ¥1,500 即可升级'],
    [[], null],
  ])('%j → %j', (paths, expected) => expect(pathsSentence(paths)).toBe(expected))
})

describe('validUntilText', () => {
  it.each([
    ['2027-11-23', '有效期至 2027年11月23日'],
    [null, null],
  ])('%j → %j', (validUntil, expected) => expect(validUntilText(validUntil)).toBe(expected))
})

describe('retainSentence', () => {
  it.each([
    [{ threshold: 400, byDay: '2027-11-23', growthShort: 400 }, '保级：2027年11月23日前累计成长值需达 400，还差 400'],
    [{ threshold: 1600, byDay: '2027-01-05', growthShort: 12 }, '保级：2027年1月5日前累计成长值需达 1600，还差 12'],
    [{ threshold: 400, byDay: '2027-11-23', growthShort: 0 }, '已满足保级条件'],
    [null, null],
  ])('%j → %j', (retain, expected) => expect(retainSentence(retain)).toBe(expected))
})

describe('growth notes', () => {
  it.each([
    [50, '待入账成长值 50'],
    [0, null],
    [-3, null],
  ])('pending %d → %j', (growth, expected) => expect(pendingGrowthText(growth)).toBe(expected))

  it.each([
    [120, '120 成长值将于有效期内过期'],
    [0, null],
  ])('at risk %d → %j', (growth, expected) => expect(atRiskGrowthText(growth)).toBe(expected))
})
