import { describe, expect, it } from 'vitest'
import { fmcgTemplate } from '../program/templates/fmcg'
import { benefitNamesGained, smallestActionText, yuanText } from './journey-values'

const rules = fmcgTemplate

describe('journey values', () => {
  it.each([
    ['regular', 'silver', ['每月领券', '会员价']],
    ['silver', 'gold', ['包邮券', '专属客服']],
    [null, 'regular', ['生日礼券']],
    ['gold', 'silver', []],
  ] as const)('benefits %s → %s gains %j', (from, to, names) => {
    expect(benefitNamesGained(rules, from, to)).toEqual(names)
  })

  it.each([
    [0, '¥0'],
    [12_000, '¥120'],
    [12_050, '¥120.50'],
    [5, '¥0.05'],
  ])('%i fen reads %s', (fen, text) => {
    expect(yuanText(fen)).toBe(text)
  })

  it.each([
    [80, '完成一笔满¥80的订单'],
    [1, '完成一笔满¥1的订单或签到 1 天'],
    [0, '保持当前消费即可'],
    [-5, '保持当前消费即可'],
  ])('the smallest action for %i growth is %s', (growth, text) => {
    expect(smallestActionText(rules, growth)).toBe(text)
  })
})
