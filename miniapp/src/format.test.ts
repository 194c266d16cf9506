import { describe, expect, it } from 'vitest'
import {
  chineseDate,
  chineseDateOf,
  fenFromYuanText,
  groupThousands,
  shanghaiDateTime,
  shanghaiDay,
  shanghaiMonth,
  signedThousands,
  yuanFromFen,
} from './format'

describe('groupThousands', () => {
  it.each([
    [0, '0'],
    [999, '999'],
    [1280, '1,280'],
    [1234567, '1,234,567'],
    [-80, '-80'],
    [-12345, '-12,345'],
    [12.7, '12'],
  ])('%d → %s', (value, expected) => expect(groupThousands(value)).toBe(expected))
})

describe('yuanFromFen', () => {
  it.each([
    [20000, '¥200.00'],
    [8650, '¥86.50'],
    [8605, '¥86.05'],
    [1, '¥0.01'],
    [0, '¥0.00'],
    [120000, '¥1,200.00'],
    [123456789, '¥1,234,567.89'],
    [-5, '¥0.00'],
  ])('%d fen → %s', (fen, expected) => expect(yuanFromFen(fen)).toBe(expected))
})

describe('signedThousands', () => {
  it.each([
    [1188, '+1,188'],
    [-80, '-80'],
    [-12345, '-12,345'],
    [0, '0'],
    [5, '+5'],
  ])('%d → %s', (value, expected) => expect(signedThousands(value)).toBe(expected))
})

describe('chineseDateOf', () => {
  it.each([
    ['2026-11-02T15:59:27.007Z', '2026年11月2日'],
    // 16:00 UTC on New Year's Eve is already New Year's Day in Shanghai.
    ['2026-12-31T16:00:00.000Z', '2027年1月1日'],
    ['not a time', 'not a time'],
  ])('%s → %s', (iso, expected) => expect(chineseDateOf(iso)).toBe(expected))
})

describe('chineseDate', () => {
  it.each([
    ['2027-11-23', '2027年11月23日'],
    ['2027-01-05', '2027年1月5日'],
    ['2027-1-5', '2027-1-5'],
    ['', ''],
  ])('%j → %j', (day, expected) => expect(chineseDate(day)).toBe(expected))
})

describe('Asia/Shanghai wall clock', () => {
  it.each([
    ['2026-11-02T15:59:27.007Z', '2026-11-02 23:59', '2026-11-02', '2026年11月'],
    // Past 16:00 UTC it is already the next day in Shanghai, and on New Year's Eve the next month and year.
    ['2026-12-31T16:00:00.000Z', '2027-01-01 00:00', '2027-01-01', '2027年1月'],
    ['2027-03-05T01:02:00Z', '2027-03-05 09:02', '2027-03-05', '2027年3月'],
    ['not a time', 'not a time', 'not a time', 'not a time'],
  ])('%s → %s', (iso, dateTime, day, month) => {
    expect(shanghaiDateTime(iso)).toBe(dateTime)
    expect(shanghaiDay(iso)).toBe(day)
    expect(shanghaiMonth(iso)).toBe(month)
  })
})

describe('fenFromYuanText', () => {
  it.each([
    ['12', 7, 1200],
    [' 9.90 ', 7, 990],
    ['1234567', 7, 123_456_700],
    ['12345678', 7, null],
    ['12345678', 9, 1_234_567_800],
    ['', 7, null],
    ['-1', 7, null],
    ['1.234', 7, null],
    ['1e3', 7, null],
  ])('%j with at most %i whole digits → %j fen', (text, digits, fen) => {
    expect(fenFromYuanText(text, digits)).toBe(fen)
  })
})
