import { describe, expect, it } from 'vitest'
import { keptChoice, sheetAnswers, wechatAnswers } from './subscribe-answers'

describe('subscribe answers', () => {
  it('takes the asked templates out of WeChat’s answer and leaves out errMsg and unknown values', () => {
    const result = {
      errMsg: 'requestSubscribeMessage:ok',
      tpl_a: 'accept',
      tpl_b: 'reject',
      tpl_c: 'maybe',
      other: 'accept',
    }
    expect(wechatAnswers(result, ['tpl_a', 'tpl_b', 'tpl_c', 'tpl_d'])).toEqual({ tpl_a: 'accept', tpl_b: 'reject' })
  })

  it.each([
    ['nothing kept', { mainSwitch: true }, false],
    ['another template kept', { mainSwitch: true, itemSettings: { tpl_z: 'accept' } }, false],
    ['an asked template kept as accepted', { mainSwitch: true, itemSettings: { tpl_b: 'accept' } }, true],
    ['an asked template kept as rejected', { mainSwitch: true, itemSettings: { tpl_a: 'reject' } }, true],
    ['no setting at all', undefined, false],
  ])('keptChoice: %s', (_, setting, kept) => {
    expect(keptChoice(setting, ['tpl_a', 'tpl_b'])).toBe(kept)
  })

  it('the sheet’s 允许 accepts what stayed on; 取消 rejects all', () => {
    expect(sheetAnswers(['a', 'b'], new Set(['b']), true)).toEqual({ a: 'accept', b: 'reject' })
    expect(sheetAnswers(['a', 'b'], new Set(), false)).toEqual({ a: 'reject', b: 'reject' })
  })
})
