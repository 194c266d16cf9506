import { describe, expect, it } from 'vitest'
import {
  formatMemberCode,
  memberCodeStep,
  memberCodeStepEndsAt,
  parseMemberCode,
  truncateToDigits,
} from './member-code'

const hex = (value: string) => Uint8Array.from(value.match(/../g)!.map((byte) => parseInt(byte, 16)))

describe('dynamic truncation (RFC 4226 Appendix D, HMAC-SHA1 of counts 0, 1 and 9)', () => {
  it.each([
    ['cc93cf18508d94934c64b65d8ba7667fb7cde4b0', 6, '755224'],
    ['75a48a19d4cbe100644e8ac1397eea747a2d33ab', 6, '287082'],
    ['1637409809a679dc698207310c8c7fc07290d9e5', 6, '520489'],
    ['cc93cf18508d94934c64b65d8ba7667fb7cde4b0', 8, '84755224'],
    ['75a48a19d4cbe100644e8ac1397eea747a2d33ab', 8, '94287082'],
  ])('truncates %s to %i digits as %s', (hmac, digits, expected) => {
    expect(truncateToDigits(hex(hmac), digits)).toBe(expected)
  })

  it('refuses an HMAC shorter than SHA-1', () => {
    expect(() => truncateToDigits(new Uint8Array(19), 8)).toThrow(RangeError)
  })
})

describe('member code steps', () => {
  it.each([
    ['1970-01-01T00:00:59Z', 1, '1970-01-01T00:01:00.000Z'],
    ['2005-03-18T01:58:29Z', 37037036, '2005-03-18T01:58:30.000Z'],
    ['2005-03-18T01:58:30Z', 37037037, '2005-03-18T01:59:00.000Z'],
  ])('%s is step %i, which ends at %s', (iso, step, endsAt) => {
    expect(memberCodeStep(new Date(iso))).toBe(step)
    expect(memberCodeStepEndsAt(step).toISOString()).toBe(endsAt)
  })
})

describe('parseMemberCode', () => {
  it('reads back what formatMemberCode wrote, also as a cashier types it', () => {
    const code = formatMemberCode('012345678', '00112233')
    expect(code).toBe('901234567800112233')
    expect(parseMemberCode(code)).toEqual({ cardNo: '012345678', otp: '00112233' })
    expect(parseMemberCode('9012 3456 7800 1122 33')).toEqual({ cardNo: '012345678', otp: '00112233' })
  })

  it.each([
    ['', 'empty'],
    ['90123456780011223', 'one digit short'],
    ['9012345678001122334', 'one digit long'],
    ['101234567800112233', 'a WeChat Pay code (wrong prefix)'],
    ['90123456780011223x', 'a letter'],
    ['９01234567800112233', 'a full-width digit'],
  ])('refuses %j (%s)', (code) => {
    expect(parseMemberCode(code)).toBeNull()
  })
})
