import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { couponCodeOf, newCouponCode } from './coupons'

const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/** The 80-bit number the bytes spell, written in base32 by BigInt: the reference the fast version must match. */
function reference(bytes: Uint8Array): string {
  let bits = 0n
  for (const byte of bytes) bits = (bits << 8n) | BigInt(byte)
  let code = ''
  for (let i = 0; i < 16; i += 1) {
    code = alphabet[Number(bits & 31n)] + code
    bits >>= 5n
  }
  return code
}

describe('coupon codes', () => {
  it('spell known byte strings', () => {
    expect(couponCodeOf(new Uint8Array(10))).toBe('0000000000000000')
    expect(couponCodeOf(new Uint8Array(10).fill(255))).toBe('ZZZZZZZZZZZZZZZZ')
    expect(couponCodeOf(Uint8Array.from([0, 0, 0, 0, 1, 0, 0, 0, 0, 33]))).toBe('0000000100000011')
  })

  it('match the 80-bit number written in base32 for any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 10, maxLength: 10 }), (bytes) => {
        expect(couponCodeOf(bytes)).toBe(reference(bytes))
      }),
    )
  })

  it('are sixteen Crockford digits, and a thousand fresh ones never repeat', () => {
    const codes = Array.from({ length: 1000 }, newCouponCode)
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/)
    expect(new Set(codes).size).toBe(1000)
  })
})
