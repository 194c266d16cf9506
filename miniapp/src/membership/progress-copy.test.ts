import { describe, expect, it } from 'vitest'
import type { NextTierPath } from '@mc/shared'
import { meFixture } from '../../test/fixtures'
import { pathsSentence, pendingGrowthText, retainStory, validUntilText } from './progress-copy'

describe('pathsSentence', () => {
  it.each<[NextTierPath[], string | null]>([
    [
      [
        { kind: 'order', amountFen: 20000 },
        { kind: 'sign_in', days: 100 },
      ],
      '再下一单满 ¥200.00 或签到 100 天即可升级',
    ],
    [[{ kind: 'order', amountFen: 8650 }], '再下一单满 ¥86.50 即可升级'],
    [[{ kind: 'sign_in', days: 5 }], '再签到 5 天即可升级'],
    [[{ kind: 'order', amountFen: 150000 }], '再下一单满 ¥1,500.00 即可升级'],
    [[], null],
  ])('%j → %j', (paths, expected) => expect(pathsSentence(paths)).toBe(expected))
})

describe('validUntilText', () => {
  it.each([
    ['2027-11-23', '有效期至 2027年11月23日'],
    [null, null],
  ])('%j → %j', (validUntil, expected) => expect(validUntilText(validUntil)).toBe(expected))
})

describe('retainStory', () => {
  // 黄金会员 keeps with 1600 counted growth on 2027-11-23; growth counts for 365 days.
  const gold = (growth: number, growthKept: number) =>
    meFixture(growth, {
      retain: {
        threshold: 1600,
        byDay: '2027-11-23',
        growthKept,
        growthShort: Math.max(0, 1600 - growthKept),
        windowDays: 365,
      },
    })

  it.each([
    [
      'fully safe',
      gold(3023, 3023),
      '已满足保级条件',
      '到 2027年11月23日，现有 3,023 成长值仍全部计入，已达到保级所需的 1,600',
    ],
    [
      'partly at risk, still kept',
      gold(3023, 2000),
      '已满足保级条件',
      '现有 3,023 成长值中，1,023 将在 2027年11月23日前满 365 天、不再计入；届时仍计入 2,000，已达到保级所需的 1,600',
    ],
    [
      'partly at risk, short',
      gold(3023, 1200),
      '2027年11月23日前再获得 400 成长值即可保持黄金会员',
      '现有 3,023 成长值中，1,823 将在 2027年11月23日前满 365 天、不再计入；届时仍计入 1,200，保级需 1,600',
    ],
    [
      'all at risk',
      gold(3023, 0),
      '2027年11月23日前再获得 1,600 成长值即可保持黄金会员',
      '现有 3,023 成长值都将在 2027年11月23日前满 365 天、不再计入；保级需在此之前新获得 1,600',
    ],
  ])('%s', (_case, me, headline, detail) => {
    const story = retainStory(me)
    expect(story).toMatchObject({ headline, detail, kept: headline === '已满足保级条件' })
  })

  it('explains the sum in the 怎么算 sheet', () => {
    expect(retainStory(gold(3023, 1200))?.howItWorks).toEqual([
      '成长值自获得之日起计入 365 天，满 365 天后不再计入等级。',
      '黄金会员有效期至 2027年11月23日。届时仍计入的成长值达到 1,600，即可保持黄金会员；未达到的，按届时的成长值重新评定等级。',
      '当前成长值 3,023 = 到 2027年11月23日仍计入的 1,200 + 在此之前满 365 天的 1,823。',
      '成长值达到更高等级的门槛时立即升级。',
    ])
  })

  it('has nothing to say for the regular tier, which lasts', () => {
    expect(retainStory(meFixture(100))).toBeNull()
  })
})

describe('growth notes', () => {
  it.each([
    [50, '待入账成长值 50'],
    [0, null],
    [-3, null],
  ])('pending %d → %j', (growth, expected) => expect(pendingGrowthText(growth)).toBe(expected))
})
