import { describe, expect, it } from 'vitest'
import { defaultEngagementSettings } from '@mc/shared'
import { formOfLimits, limitsOfForm } from './limits-form'

describe('sending limits form', () => {
  it('round-trips the defaults and saves quiet hours across midnight', () => {
    expect(limitsOfForm(formOfLimits(defaultEngagementSettings), defaultEngagementSettings)).toEqual({
      settings: defaultEngagementSettings,
    })
    const form = { frequencyCapPerWeek: '5', quietStart: '22:30', quietEnd: '08:00' }
    expect(limitsOfForm(form, defaultEngagementSettings)).toEqual({
      settings: { ...defaultEngagementSettings, frequencyCapPerWeek: 5, quietHours: { start: '22:30', end: '08:00' } },
    })
  })

  it.each([
    [{ frequencyCapPerWeek: '0' }, 'frequencyCapPerWeek', '请填写 1 ~ 21 之间的整数'],
    [{ frequencyCapPerWeek: '2.5' }, 'frequencyCapPerWeek', '请填写 1 ~ 21 之间的整数'],
    [{ quietStart: '24:00' }, 'quietStart', '时间格式为 HH:MM，如 21:00'],
    [{ quietEnd: '9:00' }, 'quietEnd', '时间格式为 HH:MM，如 09:00'],
    [{ quietStart: '09:00', quietEnd: '09:00' }, 'quietEnd', '开始与结束不能相同'],
  ])('refuses %o on %s', (patch, field, message) => {
    const form = { ...formOfLimits(defaultEngagementSettings), ...patch }
    expect(limitsOfForm(form, defaultEngagementSettings)).toHaveProperty(['errors', field], message)
  })
})
