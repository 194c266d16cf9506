import { describe, expect, it } from 'vitest'
import { mergePatch, mergePatchBetween } from './merge-patch'
import { ProgramRules } from './program-rules'
import { describeRulesChanges } from './rules-diff'
import { programTemplates } from './templates/index'

const apparel = programTemplates.apparel.rules
const copy = (): ProgramRules => structuredClone(apparel)

describe('describeRulesChanges', () => {
  it('says nothing for equal rules', () => {
    expect(describeRulesChanges(apparel, copy())).toEqual([])
  })

  it.each<[string, (r: ProgramRules) => void, string[]]>([
    ['a threshold', (r) => (r.tiers[1].threshold = 1_200), ['「银卡会员」升级门槛：1,000 → 1,200']],
    ['a multiplier', (r) => (r.tiers[2].pointsMultiplierPercent = 180), ['「金卡会员」积分倍率：150% → 180%']],
    [
      'a benefit taken from a tier',
      (r) => (r.tiers[1].benefits = ['birthday_gift', 'seasonal_pack']),
      ['「银卡会员」取消权益：包邮包退'],
    ],
    [
      'a source cap lifted',
      (r) => (r.growth.sources.signIn.dailyCap = null),
      ['成长值来源「每日签到」每日上限：1 → 不限'],
    ],
    ['the credit moment', (r) => (r.points.creditOn = 'paid'), ['积分计入时机：订单完成后计入 → 支付后计入']],
    [
      'the expiry',
      (r) => (r.points.expiry = { kind: 'days_after_earning', days: 365 }),
      ['积分有效期：次年年底过期 → 获得后 365 天过期'],
    ],
    ['make-up turned off', (r) => (r.signIn.makeUp = null), ['补签：每次 30 积分，每月 1 次 → 关闭']],
    [
      'the join gift',
      (r) => (r.joinGift = { points: 300, growth: 0 }),
      ['入会礼：200 积分 + 0 成长值 → 300 积分 + 0 成长值'],
    ],
    ['a tier removed', (r) => r.tiers.splice(3, 1), ['删除等级「黑金会员」']],
  ])('describes %s', (_what, edit, lines) => {
    const after = copy()
    edit(after)
    expect(describeRulesChanges(apparel, after)).toEqual(lines)
  })

  it('names an added tier and a new benefit in the library', () => {
    const after = copy()
    after.benefits.vip_line = { ...apparel.benefits.exclusive_service, name: '专属热线' }
    after.tiers.push({ ...apparel.tiers[3], key: 'diamond', name: '钻石会员', threshold: 20_000 })
    expect(describeRulesChanges(apparel, after)).toEqual([
      '新增等级「钻石会员」：升级门槛 20,000',
      '权益库新增「专属热线」',
    ])
  })
})

describe('mergePatchBetween', () => {
  it.each<[string, (r: ProgramRules) => void]>([
    ['a nested leaf', (r) => (r.growth.sources.order.base = 2)],
    ['an array', (r) => (r.tiers[0].name = '会员')],
    ['a setting turned off', (r) => (r.points.extension = null)],
    [
      'a benefit deleted',
      (r) => {
        delete (r.benefits as Record<string, unknown>).exclusive_service
        r.tiers[3].benefits = r.tiers[3].benefits.filter((key) => key !== 'exclusive_service')
      },
    ],
  ])('patches %s so the rules parse back to the edit', (_what, edit) => {
    const after = copy()
    edit(after)
    const patch = mergePatchBetween(apparel, after)
    expect(ProgramRules.parse(mergePatch(apparel, patch))).toEqual(after)
  })

  it('is empty for equal documents', () => {
    expect(mergePatchBetween(apparel, copy())).toEqual({})
  })
})
