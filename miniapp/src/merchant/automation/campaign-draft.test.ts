import { describe, expect, it } from 'vitest'
import {
  bodyOfDraft,
  draftErrorsOf,
  emptyCampaignDraft,
  errorsOfStep,
  shanghaiInstant,
  stepOfKey,
  refusalText,
  stepOfRefusal,
  type CampaignDraft,
} from './campaign-draft'

const ready = (): CampaignDraft => ({
  ...emptyCampaignDraft(),
  name: '双十一回访',
  segmentId: 'seg_1',
  budgetCoupons: '500',
})

describe('campaign wizard draft', () => {
  it('builds a one-variant coupon campaign sent now', () => {
    expect(bodyOfDraft(ready())).toEqual({
      body: {
        name: '双十一回访',
        segmentId: 'seg_1',
        category: 'offers',
        variants: [
          {
            copy: { title: '送你一张专属券', body: '会员专享：满100减20，14 天内有效，快来使用吧。' },
            coupon: { name: '满100减20', thresholdFen: 10000, discountFen: 2000, validDays: 14 },
          },
        ],
        holdoutPercent: 10,
        budgetCoupons: 500,
        stopAtBudget: false,
        scheduledAt: null,
      },
    })
  })

  it('an A/B campaign without a coupon sends two messages, no budget', () => {
    const answer = bodyOfDraft({ ...ready(), offer: 'none', abTest: true, budgetCoupons: '' })
    expect(answer).toHaveProperty(['body', 'variants', 1, 'coupon'], null)
    expect(answer).toHaveProperty(['body', 'budgetCoupons'], null)
  })

  it('a scheduled campaign is sent at the Shanghai time typed', () => {
    const draft: CampaignDraft = { ...ready(), when: 'scheduled', scheduledDay: '2026-12-24', scheduledTime: '09:30' }
    expect(bodyOfDraft(draft)).toHaveProperty(['body', 'scheduledAt'], '2026-12-24T09:30:00+08:00')
    expect(shanghaiInstant('2026-12-24', '9:30')).toBeNull()
  })

  it.each([
    [{ segmentId: null }, 'segment', 'segmentId', '请选择人群'],
    [{ name: '' }, 'segment', 'name', '活动名称 1 ~ 40 个字'],
    [{ budgetCoupons: '' }, 'budget', 'budgetCoupons', '请填写最多发放的券数（正整数）'],
    [{ holdoutPercent: '80' }, 'holdout', 'holdoutPercent', '请填写 0 ~ 50 之间的整数'],
    [{ when: 'scheduled' as const }, 'schedule', 'schedule', '请选择发送日期和时间'],
  ])('keeps %o on the %s step with %s', (patch, step, key, message) => {
    const draft = { ...ready(), ...patch }
    expect(errorsOfStep(draft, step as never)).toEqual({ [key]: message })
  })

  it('shows a coupon over its threshold on the offer step, beside that variant', () => {
    const draft = ready()
    draft.variants = [{ ...draft.variants[0], discountYuan: '150' }, draft.variants[1]]
    expect(errorsOfStep(draft, 'offer')).toEqual({ 'variants.0.discountYuan': '优惠金额必须小于使用门槛' })
    expect(errorsOfStep(draft, 'variants')).toEqual({})
  })

  it('maps server issues and refusals to their steps', () => {
    expect(draftErrorsOf([{ path: ['variants', '1', 'copy', 'title'], message: 'Too big' }])).toEqual({
      'variants.1.title': '标题 1 ~ 20 个字',
    })
    expect(stepOfKey('variants.1.title')).toBe('variants')
    expect(stepOfKey('variants.0.discountYuan')).toBe('offer')
    expect(stepOfKey('variants.1.discountYuan')).toBe('variants')
    expect(stepOfRefusal('CAMPAIGN_OVER_BUDGET')).toBe('budget')
    expect(stepOfRefusal('CAMPAIGN_SCHEDULE_PAST')).toBe('schedule')
    expect(stepOfRefusal('INTERNAL')).toBeNull()
  })
})

describe('campaign refusals', () => {
  it('says the expected coupons against the budget', () => {
    expect(refusalText('CAMPAIGN_OVER_BUDGET', '预计发券数量超出预算', { expected: 1260, budget: 500 })).toBe(
      '预计发券 1260 张，超出预算 500 张。请提高预算，或选择“发到预算为止”。',
    )
    expect(refusalText('CAMPAIGN_SCHEDULE_PAST', '计划发送时间不能早于现在', {})).toBe(
      '计划发送时间不能早于现在，请选择之后的时间。',
    )
    expect(refusalText('INTERNAL', '服务器开小差了', undefined)).toBe('服务器开小差了')
  })
})
