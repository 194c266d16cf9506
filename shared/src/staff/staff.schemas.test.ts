import { describe, expect, it } from 'vitest'
import { isTrivialPin, StaffPin, StaffPurchaseBody } from './staff.schemas'

describe('staff PINs', () => {
  it.each(['000000', '777777', '123456', '345678', '987654', '890123'])('refuse the trivial %s', (pin) => {
    expect(isTrivialPin(pin)).toBe(true)
    expect(StaffPin.safeParse(pin).success).toBe(false)
  })

  it.each(['12345', '1234567', '12a456', ' 24680'])('refuse the malformed %j', (pin) => {
    expect(StaffPin.safeParse(pin).success).toBe(false)
  })

  it.each(['246810', '135792', '112233', '120000'])('accept %s', (pin) => {
    expect(StaffPin.safeParse(pin).success).toBe(true)
  })
})

describe('staff purchase bodies', () => {
  const base = { amountFen: 8800, receiptNo: 'R-2026/001' }

  it('take exactly one of code and memberId', () => {
    expect(StaffPurchaseBody.safeParse({ ...base, code: '901234567800112233' }).success).toBe(true)
    expect(StaffPurchaseBody.safeParse({ ...base, memberId: 'mbr_1' }).success).toBe(true)
    expect(StaffPurchaseBody.safeParse(base).success).toBe(false)
    expect(StaffPurchaseBody.safeParse({ ...base, code: '901234567800112233', memberId: 'mbr_1' }).success).toBe(false)
  })

  it.each([
    [{ amountFen: 0 }],
    [{ amountFen: 12.5 }],
    [{ amountFen: -1 }],
    [{ receiptNo: '' }],
    [{ receiptNo: '-lead' }],
    [{ receiptNo: 'x'.repeat(49) }],
    [{ receiptNo: '小票1' }],
    [{ extra: true }],
  ])('refuse %j', (over) => {
    expect(StaffPurchaseBody.safeParse({ ...base, memberId: 'mbr_1', ...over }).success).toBe(false)
  })
})
