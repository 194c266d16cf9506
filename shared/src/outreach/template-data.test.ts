import { describe, expect, it } from 'vitest'
import { renderSmsParams, renderWechatData, wechatFieldValue } from './template-data'

describe('wechatFieldValue', () => {
  it.each([
    ['thing1', '积分即将过期', '积分即将过期'],
    ['thing2', '一二三四五六七八九十一二三四五六七八九十', '一二三四五六七八九十一二三四五六七八九十'], // exactly 20
    ['thing2', '一二三四五六七八九十一二三四五六七八九十一', '一二三四五六七八九十一二三四五六七八九…'], // 21 → 19 + …
    ['phrase3', '即将过期提醒', '即将过期提'], // 5 Chinese characters, no ellipsis (phrase is pure Chinese)
    ['name4', '欧阳娜娜娜娜娜娜娜娜娜', '欧阳娜娜娜娜娜娜娜娜'], // 10 Chinese
    ['name4', 'Alexander Hamilton Jr.', 'Alexander Hamilton J'], // 20 Latin
    ['character_string5', 'A'.repeat(40), 'A'.repeat(32)],
    ['number6', '300', '300'],
    ['time7', '2026年12月11日 09:00', '2026年12月11日 09:00'],
    ['thing8', '   ', '-'], // WeChat refuses an empty value
    ['unknown9', '一二三四五六七八九十一二三四五六七八九十一', '一二三四五六七八九十一二三四五六七八九十'],
    ['thing10', '😀'.repeat(21), `${'😀'.repeat(19)}…`], // counted by character, not UTF-16 unit
  ])('%s: %s → %s', (keyword, value, expected) => {
    expect(wechatFieldValue(keyword, value)).toBe(expected)
  })

  it('renders each mapped field from the values', () => {
    expect(
      renderWechatData(
        { thing1: '{标题}', time2: '{到期日}', thing3: '{未知}' },
        { 标题: '过期提醒', 到期日: '12月11日' },
      ),
    ).toEqual({ thing1: '过期提醒', time2: '12月11日', thing3: '{未知}' })
  })

  it('renders SMS params, cut at 35 characters', () => {
    expect(renderSmsParams({ a: '{会员昵称}您好', b: '{内容}' }, { 会员昵称: '小王', 内容: 'x'.repeat(50) })).toEqual({
      a: '小王您好',
      b: 'x'.repeat(35),
    })
  })
})
