import { describe, expect, it } from 'vitest'
import { defaultEngagementSettings, journeyKeys } from '@mc/shared'
import { formOfRule, insertPlaceholder, ruleFieldOfPath, ruleOfForm, unknownPlaceholders } from './rule-form'

const journeys = defaultEngagementSettings.journeys

describe('rule form', () => {
  it.each(journeyKeys)('round-trips the default settings of %s', (key) => {
    expect(ruleOfForm(key, formOfRule(journeys[key]))).toEqual({ rule: journeys[key] })
  })

  it('saves a win-back coupon typed in yuan as fen, and a new holdout', () => {
    const form = { ...formOfRule(journeys.win_back), couponThresholdYuan: '150', couponDiscountYuan: '30.5' }
    const answer = ruleOfForm('win_back', { ...form, holdoutPercent: '20' })
    expect(answer).toEqual({
      rule: {
        ...journeys.win_back,
        holdoutPercent: 20,
        coupon: { ...journeys.win_back.coupon, thresholdFen: 15000, discountFen: 3050 },
      },
    })
  })

  it('reads retention days separated by commas, Chinese commas or spaces', () => {
    const answer = ruleOfForm('retention_risk', { ...formOfRule(journeys.retention_risk), daysBefore: '14，3 1' })
    expect(answer).toHaveProperty(['rule', 'daysBefore'], [14, 3, 1])
  })

  it.each([
    ['upgrade', { holdoutPercent: '60' }, 'holdoutPercent', '请填写 0 ~ 50 之间的整数'],
    ['upgrade', { holdoutPercent: '5.5' }, 'holdoutPercent', '请填写 0 ~ 50 之间的整数'],
    ['upgrade', { title: '' }, 'title', '标题 1 ~ 20 个字'],
    ['upgrade', { body: '你好{还差成长值}' }, 'body', '不认识的占位符：{还差成长值}'],
    ['near_next', { cooldownDays: '0' }, 'cooldownDays', '请填写 1 ~ 180 之间的整数'],
    ['win_back', { couponDiscountYuan: '300' }, 'couponDiscountYuan', '优惠金额必须小于使用门槛'],
    ['win_back', { dormantDays: 'abc' }, 'dormantDays', '请填写 7 ~ 730 之间的整数'],
    ['retention_risk', { daysBefore: '30, 7, 3, 2, 1' }, 'daysBefore', '填 1 ~ 4 个 1 ~ 90 之间的天数，用逗号分隔'],
    ['points_expiring', { daysAhead: '61' }, 'daysAhead', '请填写 1 ~ 60 之间的整数'],
  ] as const)('refuses %s with %o on %s', (key, patch, field, message) => {
    expect(ruleOfForm(key, { ...formOfRule(journeys[key]), ...patch })).toHaveProperty(['errors', field], message)
  })

  it('names unknown placeholders once each', () => {
    expect(unknownPlaceholders('birthday', '{会员昵称}{生日礼}{积分}{积分}')).toEqual(['积分'])
  })

  it.each([
    [['journeys', 'win_back', 'coupon', 'discountFen'], 'couponDiscountYuan'],
    [['copy', 'title'], 'title'],
    [['journeys', 'upgrade', 'holdoutPercent'], 'holdoutPercent'],
    [['somethingElse'], null],
  ])('maps the path %j to the field %s', (path, field) => {
    expect(ruleFieldOfPath(path)).toBe(field)
  })

  it.each([
    ['你好', 1, '会员昵称', '你{会员昵称}好', 7],
    ['你好', null, '等级', '你好{等级}', 6],
    ['你好', 99, '等级', '你好{等级}', 6],
    ['', 0, '等级', '{等级}', 4],
  ])('inserts a placeholder into %s at %s', (text, cursor, name, expected, after) => {
    expect(insertPlaceholder(text, cursor, name)).toEqual({ text: expected, cursor: after })
  })
})
