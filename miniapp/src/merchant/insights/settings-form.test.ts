import { describe, expect, it } from 'vitest'
import { InsightSettings } from '@mc/shared'
import { formOfSettings, settingsOfForm } from './settings-form'

const defaults = InsightSettings.parse({})

describe('insight settings form', () => {
  it('round-trips the defaults, keeping the default shape as null', () => {
    const form = formOfSettings(defaults, 4)
    expect(form.targetShape).toEqual(['50', '30', '15', '5'])
    expect(form.pointValueYuan).toBe('1')
    expect(settingsOfForm(form, 4)).toEqual({ settings: defaults })
  })

  it('saves a custom shape and a point value in fen', () => {
    const form = { ...formOfSettings(defaults, 4), targetShape: ['40', '30', '20', '10'], pointValueYuan: '0.5' }
    const answer = settingsOfForm(form, 4)
    expect(answer).toEqual({
      settings: { ...defaults, targetShapePercents: [40, 30, 20, 10], pointValueFenPer100: 50 },
    })
  })

  it.each([
    [{ targetShape: ['40', '30', '20', '5'] }, 'targetShape', '各等级占比之和应为 100%，现在是 95%'],
    [{ pointValueYuan: 'abc' }, 'pointValueYuan', '请输入金额，如 1 或 0.5'],
    [{ rfmWindowDays: '10' }, 'rfmWindowDays', '请填写 30 ~ 1095 天 之间的整数'],
    [{ activeDays: '200', dormantDays: '100' }, 'dormantDays', '沉睡天数必须大于活跃天数'],
    [{ clvExpectedYears: '2.5' }, 'clvExpectedYears', '请填写 1 ~ 20 年 之间的整数'],
  ])('refuses %o with a message on %s', (patch, field, message) => {
    const answer = settingsOfForm({ ...formOfSettings(defaults, 4), ...patch }, 4)
    expect(answer).toHaveProperty(['errors', field], message)
  })
})
