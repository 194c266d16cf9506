import { describe, expect, it } from 'vitest'
import { channelPlaceholders, defaultEngagementSettings, EngagementSettings } from '../automation/journeys'
import { placeholdersIn, renderCopy } from './copy-placeholders'

const withJourneyCopy = (key: keyof EngagementSettings['journeys'], copy: { title: string; body: string }) => ({
  ...defaultEngagementSettings,
  journeys: { ...defaultEngagementSettings.journeys, [key]: { ...defaultEngagementSettings.journeys[key], copy } },
})

describe('placeholders', () => {
  it.each([
    ['再得 {还差成长值} 成长值升级{下一等级}，{还差成长值}', ['还差成长值', '下一等级']],
    ['没有占位符', []],
    ['{}{ 空格 }', [' 空格 ']],
    ['{这是一个超过二十个字的占位符名称这是一个超过二十个字}', []],
  ])('placeholdersIn(%s) → %j', (text, names) => {
    expect(placeholdersIn(text)).toEqual(names)
  })

  it('renders known names and leaves unknown ones as written', () => {
    expect(renderCopy('{会员昵称}，{未知}', { 会员昵称: '小王' })).toBe('小王，{未知}')
  })
})

describe('EngagementSettings placeholder checks', () => {
  it('accepts the defaults', () => {
    expect(EngagementSettings.safeParse(defaultEngagementSettings).success).toBe(true)
  })

  it.each([
    ['title', { title: '恭喜{新等级}{错字}', body: '{会员昵称}' }],
    ['body', { title: '恭喜', body: '{会员昵称}，还差{还差成长值}' }], // 还差成长值 is not an upgrade placeholder
  ] as const)('refuses an unknown placeholder in the %s at its field', (part, copy) => {
    const result = EngagementSettings.safeParse(withJourneyCopy('upgrade', copy))
    expect(result.success).toBe(false)
    expect(result.error?.issues.map((i) => i.path)).toEqual([['journeys', 'upgrade', 'copy', part]])
  })

  it('checks WeChat fields and SMS params against the channel placeholders', () => {
    const settings = {
      ...defaultEngagementSettings,
      wechat: {
        ...defaultEngagementSettings.wechat,
        templates: { points: { templateId: 'tpl-points', fields: { thing1: '{标题}', time2: '{到期时间}' } } },
      },
      sms: {
        ...defaultEngagementSettings.sms,
        templates: { tier: { templateCode: 'SMS_1', params: { name: '{会员昵称}', text: '{正文}' } } },
      },
    }
    const result = EngagementSettings.safeParse(settings)
    expect(result.error?.issues.map((i) => i.path)).toEqual([
      ['wechat', 'templates', 'points', 'fields', 'time2'],
      ['sms', 'templates', 'tier', 'params', 'text'],
    ])
  })

  it('lets channel copy use the title, the body and any journey placeholder', () => {
    expect(channelPlaceholders).toEqual(expect.arrayContaining(['标题', '内容', '到期日', '优惠券', '回升条件']))
    expect(new Set(channelPlaceholders).size).toBe(channelPlaceholders.length)
  })
})
