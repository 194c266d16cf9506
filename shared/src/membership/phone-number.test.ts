import { describe, expect, it } from 'vitest'
import { normalizePhoneNumber, PhoneNumber } from './member.schemas'

describe('normalizePhoneNumber', () => {
  it.each([
    ['13912340009', '13912340009'],
    ['139 1234 0009', '13912340009'],
    ['139-1234-0009', '13912340009'],
    ['+86 139 1234 0009', '13912340009'],
    ['+86-139-1234-0009', '13912340009'],
    ['(+86) 13912340009', '13912340009'],
    ['0086 139 1234 0009', '13912340009'],
    ['8613912340009', '13912340009'],
    [' 139\u00a01234\u00a00009 ', '13912340009'],
    ['', ''],
  ])('%j becomes %j', (input, expected) => {
    expect(normalizePhoneNumber(input)).toBe(expected)
  })

  it.each([
    ['1391234000', 'one digit short'],
    ['139123400091', 'one digit too many'],
    ['+1 415 555 0100', 'another country'],
    ['86 23912340009', '86 before a number that is not a mobile one'],
  ])('leaves %j (%s) for PhoneNumber to refuse', (input) => {
    expect(PhoneNumber.safeParse(normalizePhoneNumber(input)).success).toBe(false)
  })

  it('gives what PhoneNumber accepts for every formatted mainland number', () => {
    expect(PhoneNumber.parse(normalizePhoneNumber('+86 139 1234 0009'))).toBe('13912340009')
  })
})
