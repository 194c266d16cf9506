import { describe, expect, it } from 'vitest'
import { programTemplates } from '@mc/shared'
import {
  chineseMessage,
  errorsUnder,
  issueErrors,
  localFieldErrors,
  nextTier,
  numberFromInput,
  setAt,
  valueAt,
} from './draft-edit'

const apparelTemplate = programTemplates.apparel.rules

describe('draft editing helpers', () => {
  it('sets a value deep inside without touching the original', () => {
    const edited = setAt(apparelTemplate, ['tiers', 1, 'threshold'], 1_200)
    expect(edited.tiers[1].threshold).toBe(1_200)
    expect(apparelTemplate.tiers[1].threshold).toBe(1_000)
    expect(edited.tiers[0]).toBe(apparelTemplate.tiers[0])
    expect(valueAt(edited, ['tiers', 1, 'threshold'])).toBe(1_200)
  })

  it.each([
    ['1200', 1200],
    [' 7 ', 7],
    ['-5', -5],
    ['', ''],
    ['12a', '12a'],
  ])('reads the input %j as %j', (text, value) => {
    expect(numberFromInput(text)).toBe(value)
  })

  it('finds nothing wrong with a template', () => {
    expect(localFieldErrors(apparelTemplate)).toEqual({})
  })

  it.each<[string, unknown, string, string]>([
    ['a threshold below the one under it', 500, 'tiers.2.threshold', '等级门槛必须逐级升高'],
    ['a negative threshold', -1, 'tiers.2.threshold', '升级门槛不能小于 0'],
    ['text in a number field', '三千', 'tiers.2.threshold', '升级门槛必须是数字'],
  ])('puts %s beside the field in Chinese', (_what, value, path, message) => {
    const errors = localFieldErrors(setAt(apparelTemplate, ['tiers', 2, 'threshold'], value))
    expect(errors[path]).toBe(message)
  })

  it('reads the BFF issues in Chinese and counts them by section', () => {
    const errors = issueErrors([
      { path: 'tiers.1.threshold', message: '等级门槛必须逐级升高 / thresholds must ascend' },
      { path: 'tiers.1.threshold', message: '第二条 / second' },
      { path: 'signIn.cycleDays', message: '签到周期天数不能小于 2 / must be at least 2' },
    ])
    expect(errors).toEqual({
      'tiers.1.threshold': '等级门槛必须逐级升高',
      'signIn.cycleDays': '签到周期天数不能小于 2',
    })
    expect(errorsUnder(errors, 'tiers')).toBe(1)
    expect(errorsUnder(errors, 'signIn')).toBe(1)
    expect(chineseMessage('只有中文')).toBe('只有中文')
    expect(chineseMessage('按面值估算（尚无数据）/ face value × usage')).toBe('按面值估算（尚无数据）')
  })

  it('adds a tier that keeps the ladder valid', () => {
    const rules = { ...apparelTemplate, tiers: [...apparelTemplate.tiers.slice(0, 3)] }
    rules.tiers.push(nextTier(rules.tiers))
    expect(localFieldErrors(rules)).toEqual({})
  })
})
