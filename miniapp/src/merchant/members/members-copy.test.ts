import { describe, expect, it } from 'vitest'
import { fenFromYuanText } from '../../format'
import { chineseErrors, chineseMessage, keyFor, signedAmount } from './members-copy'

describe('members console copy', () => {
  it.each([
    [300, '+300'],
    [-80, '-80'],
    [12_000, '+12,000'],
  ])('signs %i as %s', (amount, text) => {
    expect(signedAmount(amount)).toBe(text)
  })

  it('keeps only the Chinese half of a shared schema message', () => {
    expect(chineseMessage('请填写调整原因 / a reason is required')).toBe('请填写调整原因')
    expect(chineseMessage('请输入正确的 11 位手机号')).toBe('请输入正确的 11 位手机号')
    expect(chineseErrors({ reason: '请填写调整原因 / a reason is required' })).toEqual({ reason: '请填写调整原因' })
  })

  it.each([
    ['10', 1000],
    ['12.5', 1250],
    ['0.05', 5],
    [' 3 ', 300],
    ['', null],
    ['-1', null],
    ['1.234', null],
    ['abc', null],
  ])('reads %j yuan as %j fen', (text, fen) => {
    expect(fenFromYuanText(text, 7)).toBe(fen)
  })

  it('reuses the key for the same body and makes a new one for another', () => {
    const first = keyFor(null, 'adjust', { amount: 1 })
    expect(first.key).toMatch(/^adjust_[0-9a-z]+_[0-9a-z]{16}$/)
    expect(keyFor(first, 'adjust', { amount: 1 })).toBe(first)
    expect(keyFor(first, 'adjust', { amount: 2 }).key).not.toBe(first.key)
  })
})
