import { describe, expect, it } from 'vitest'
import { defaultEngagementSettings, type EngagementSettings } from '@mc/shared'
import { channelsOfForm, formOfChannels, mappingOfLines } from './channels-form'

const configured: EngagementSettings = {
  ...defaultEngagementSettings,
  wechat: {
    templates: { tier: { templateId: 'tmpl_tier', fields: { thing1: '{标题}', time2: '{到期日}' } } },
    perMinute: 600,
  },
  sms: {
    signName: '会员中心',
    templates: { points: { templateCode: 'SMS_1', params: { name: '{会员昵称}' } } },
    perMinute: 300,
  },
}

describe('channels form', () => {
  it('round-trips configured templates and leaves the other categories unconfigured', () => {
    const form = formOfChannels(configured)
    expect(form.categories.tier.wechatFields).toBe('thing1: {标题}\ntime2: {到期日}')
    expect(form.categories.offers.wechatTemplateId).toBe('')
    expect(channelsOfForm(form, configured)).toEqual({ settings: configured })
  })

  it('an emptied template id removes that category’s template', () => {
    const form = formOfChannels(configured)
    form.categories.tier.wechatTemplateId = ' '
    expect(channelsOfForm(form, configured)).toHaveProperty(['settings', 'wechat', 'templates'], {})
  })

  it.each([
    [
      (f: ReturnType<typeof formOfChannels>) => {
        f.categories.tier.wechatFields = 'thing1 {标题}'
      },
      'wechat.tier.fields',
    ],
    [
      (f: ReturnType<typeof formOfChannels>) => {
        f.categories.tier.wechatFields = 'Thing: x'
      },
      'wechat.tier.fields',
    ],
    [
      (f: ReturnType<typeof formOfChannels>) => {
        f.smsPerMinute = '0'
      },
      'sms.perMinute',
    ],
    [
      (f: ReturnType<typeof formOfChannels>) => {
        f.smsSignName = '一二三四五六七八九十一二三'
      },
      'sms.signName',
    ],
  ])('refuses a bad entry (%#) on %s', (edit, key) => {
    const form = formOfChannels(configured)
    edit(form)
    expect(channelsOfForm(form, configured)).toHaveProperty(['errors', key])
  })

  it('reads mapping lines with either colon and skips blank lines', () => {
    expect(mappingOfLines('thing1：{标题}\n\n time2 : {到期日} ')).toEqual({ thing1: '{标题}', time2: '{到期日}' })
    expect(mappingOfLines('no separator')).toBeNull()
  })
})

describe('channels form placeholders', () => {
  it('refuses a placeholder no message has, with the schema’s own message', () => {
    const form = formOfChannels(configured)
    form.categories.tier.wechatFields = 'thing1: {没有这个}'
    const answer = channelsOfForm(form, configured)
    expect(answer).toHaveProperty(['errors', 'wechat.tier.fields'])
    expect((answer as { errors: Record<string, string> }).errors['wechat.tier.fields']).toContain('{没有这个}')
  })
})
