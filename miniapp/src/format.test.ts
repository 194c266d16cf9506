import { describe, expect, it } from 'vitest'
import { chineseDate, groupThousands, yuanFromFen } from './format'

describe('groupThousands', () => {
  it.each([
    [0, '0'], [999, '999'], [1280, '1,280'], [1234567, '1,234,567'], [-80, '-80'], [-12345, '-12,345'], [12.7, '12'],
  ])('%d → %s', (value, expected) => expect(groupThousands(value)).toBe(expected))
})

describe('yuanFromFen', () => {
  it.each([
    [20000, '¥200'], [8650, '¥86.50'], [8605, '¥86.05'], [1, '¥0.01'], [0, '¥0'], [120000, '¥1,200'], [-5, '¥0'],
  ])('%d fen → %s', (fen, expected) => expect(yuanFromFen(fen)).toBe(expected))
})

describe('chineseDate', () => {
  it.each([
    ['2027-11-23', '2027年11月23日'], ['2027-01-05', '2027年1月5日'], ['2027-1-5', '2027-1-5'], ['', ''],
  ])('%j → %j', (day, expected) => expect(chineseDate(day)).toBe(expected))
})
