import { memberCodeStep } from '@mc/shared'
import { describe, expect, it } from 'vitest'
import { hotp, totpForStep } from './totp'

// RFC 6238 Appendix B: the SHA-1 seed is the ASCII string "12345678901234567890", 8 digits, X = 30 s, T0 = 0.
const rfcSecretHex = Buffer.from('12345678901234567890', 'ascii').toString('hex')

describe('TOTP (RFC 6238 Appendix B test vectors, SHA-1)', () => {
  it.each([
    [59, '0000000000000001', '94287082'],
    [1111111109, '00000000023523EC', '07081804'],
    [1111111111, '00000000023523ED', '14050471'],
    [1234567890, '000000000273EF07', '89005924'],
    [2000000000, '0000000003F940AA', '69279037'],
    [20000000000, '0000000027BC86AA', '65353130'],
  ])('at %i s (T = %s) the code is %s', (seconds, stepHex, code) => {
    const step = memberCodeStep(new Date(seconds * 1000))
    expect(step).toBe(parseInt(stepHex, 16))
    expect(totpForStep(rfcSecretHex, step)).toBe(code)
  })
})

describe('HOTP (RFC 4226 Appendix D, 6 digits)', () => {
  it.each([
    [0, '755224'],
    [1, '287082'],
    [2, '359152'],
    [5, '254676'],
    [9, '520489'],
  ])('count %i is %s', (count, code) => {
    expect(hotp(Buffer.from('12345678901234567890', 'ascii'), count, 6)).toBe(code)
  })
})
