import { fmcgTemplate, type ProgramRules } from '@mc/shared'
import { describe, expect, it } from 'vitest'
import { importTime, validateRow, type RawRow } from './import-row'
import { identityHasher } from './identity-key'

const key = identityHasher('identity_test_0123456789abcdef')

// 2026-11-23 10:00 in Shanghai.
const time = importTime(new Date('2026-11-23T02:00:00.000Z'), fmcgTemplate, key)
const good: RawRow = {
  phone: '13800001234',
  openid: '',
  name: '',
  birthday: '',
  growth: '600',
  points: '120',
  points_expires_on: '',
}
const reasonFor = (change: RawRow) => {
  const result = validateRow({ ...good, ...change }, time)
  return 'reason' in result ? result.reason : null
}

describe('validateRow', () => {
  it('accepts a good row, trimming fields and defaulting the nickname to 会员 + last four digits', () => {
    const result = validateRow({ ...good, phone: ' 13800001234 ', growth: ' 600 ' }, time)
    expect(result).toEqual({
      row: {
        phone: '13800001234',
        openid: null,
        nickname: '会员1234',
        birthday: null,
        growth: 600,
        points: 120,
        pointsExpiresOn: null,
        pointsExpiresAt: '2027-12-31T16:00:00.000Z', // FMCG: end of the following year, Shanghai
        refusedIfNew: null,
        identityKey: key('phone', '13800001234'),
        identityKeys: [key('phone', '13800001234')],
        legacyKeys: ['phone:13800001234'],
      },
    })
  })

  it('names a member with only an openid by it, and keys the row by phone when there are both', () => {
    expect(validateRow({ openid: 'oAbC_12-xyz9' }, time)).toMatchObject({
      row: { phone: null, nickname: '会员xyz9', growth: 0, points: 0, identityKey: key('openid', 'oAbC_12-xyz9') },
    })
    expect(validateRow({ ...good, openid: 'oAbC' }, time)).toMatchObject({
      row: {
        identityKey: key('phone', '13800001234'),
        identityKeys: [key('phone', '13800001234'), key('openid', 'oAbC')],
      },
    })
  })

  it('lets a points lot last through its expiry day in the merchant calendar', () => {
    expect(validateRow({ ...good, points_expires_on: '2026-11-23' }, time)).toMatchObject({
      row: { pointsExpiresOn: '2026-11-23', pointsExpiresAt: '2026-11-23T16:00:00.000Z' },
    })
    const lateShop: ProgramRules = { ...fmcgTemplate, calendar: { timeZone: 'Asia/Shanghai', dayStartMinute: 240 } }
    expect(
      validateRow({ ...good, points_expires_on: '2027-03-01' }, importTime(time.now, lateShop, key)),
    ).toMatchObject({
      row: { pointsExpiresAt: '2027-03-01T20:00:00.000Z' }, // 04:00 on 03-02 in Shanghai
    })
  })

  it.each([
    ['no identity at all', { phone: '', openid: ' ' }, '手机号和 openid 至少填一个 / phone or openid is required'],
    ['a short phone', { phone: '1380000123' }, '手机号格式不正确 / invalid phone'],
    ['a landline', { phone: '02188886666' }, '手机号格式不正确 / invalid phone'],
    ['a phone with a country code', { phone: '+8613800001234' }, '手机号格式不正确 / invalid phone'],
    [
      'an openid with spaces inside',
      { openid: 'o abc' },
      'openid 格式不正确 / invalid openid (1–64 letters, digits, _ or -)',
    ],
    [
      'an overlong openid',
      { openid: 'o'.repeat(65) },
      'openid 格式不正确 / invalid openid (1–64 letters, digits, _ or -)',
    ],
    ['a 33-character name', { name: '名'.repeat(33) }, '昵称最多 32 个字 / name is longer than 32 characters'],
    ['a name with a line break', { name: '林\n小夏' }, '昵称不能含换行等控制字符 / name contains control characters'],
    ['a birthday with slashes', { birthday: '1990/05/06' }, '生日格式应为 YYYY-MM-DD / birthday must be YYYY-MM-DD'],
    ['a birthday that is no date', { birthday: '1990-02-30' }, '生日格式应为 YYYY-MM-DD / birthday must be YYYY-MM-DD'],
    ['a birthday before 1900', { birthday: '1899-12-31' }, '生日早于 1900 年 / birthday is before 1900'],
    ['a birthday in the future', { birthday: '2026-11-24' }, '生日不能晚于今天 / birthday is in the future'],
    ['negative growth', { growth: '-5' }, '成长值必须是不小于 0 的整数 / growth must be a whole number ≥ 0'],
    ['fractional growth', { growth: '10.5' }, '成长值必须是不小于 0 的整数 / growth must be a whole number ≥ 0'],
    [
      'growth with a thousands separator',
      { growth: '1,000' },
      '成长值必须是不小于 0 的整数 / growth must be a whole number ≥ 0',
    ],
    ['absurd growth', { growth: '100000001' }, '成长值不能超过 100000000 / growth must be at most 100000000'],
    ['points as words', { points: 'ten' }, '积分必须是不小于 0 的整数 / points must be a whole number ≥ 0'],
    ['points in exponent form', { points: '1e3' }, '积分必须是不小于 0 的整数 / points must be a whole number ≥ 0'],
    [
      'an expiry that is no date',
      { points_expires_on: '2027-13-01' },
      '积分过期日期格式应为 YYYY-MM-DD / points_expires_on must be YYYY-MM-DD',
    ],
  ])('rejects %s', (_, change, reason) => {
    expect(reasonFor(change)).toBe(reason)
  })

  it('refuses an expiry day already over, but only for a row not imported before (the importer decides)', () => {
    expect(validateRow({ ...good, points_expires_on: '2026-11-22' }, time)).toMatchObject({
      row: { refusedIfNew: '积分过期日期已过 / points_expires_on is in the past' },
    })
    expect(reasonFor({ growth: 'x', points_expires_on: '2026-11-22' })).toBe(
      '成长值必须是不小于 0 的整数 / growth must be a whole number ≥ 0；积分过期日期已过 / points_expires_on is in the past',
    )
  })

  it('reports every problem of a row at once', () => {
    expect(reasonFor({ phone: '123', growth: '-1', points_expires_on: 'soon' })).toBe(
      [
        '手机号格式不正确 / invalid phone',
        '成长值必须是不小于 0 的整数 / growth must be a whole number ≥ 0',
        '积分过期日期格式应为 YYYY-MM-DD / points_expires_on must be YYYY-MM-DD',
      ].join('；'),
    )
  })

  it('reads blank balances as 0 and accepts a birthday of today', () => {
    expect(validateRow({ phone: '13800001234', growth: '', points: '', birthday: '2026-11-23' }, time)).toMatchObject({
      row: { growth: 0, points: 0, birthday: '2026-11-23' },
    })
  })
})

describe('identity keys', () => {
  it('are keyed hashes: no phone or openid in them, and another secret gives other keys', () => {
    const result = validateRow({ ...good, openid: 'oAbC_12-xyz9' }, time)
    if (!('row' in result)) throw new Error(result.reason)
    const other = importTime(time.now, fmcgTemplate, identityHasher('another_secret_0123456789'))
    const again = validateRow({ ...good, openid: 'oAbC_12-xyz9' }, other)
    if (!('row' in again)) throw new Error(again.reason)
    for (const identityKey of result.row.identityKeys) {
      expect(identityKey).toMatch(/^(phone|openid):[0-9a-f]{64}$/)
      expect(identityKey).not.toContain('13800001234')
      expect(identityKey).not.toContain('oAbC_12-xyz9')
    }
    expect(again.row.identityKeys).not.toEqual(result.row.identityKeys)
    expect(() => identityHasher('short')).toThrow(RangeError)
  })
})
