import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { refundReversal } from './refund-reversal'

describe('refundReversal', () => {
  it.each([
    [{ earned: 99, paidFen: 9900, refundedBeforeFen: 0, refundFen: 9900 }, 99],
    [{ earned: 99, paidFen: 9900, refundedBeforeFen: 0, refundFen: 3300 }, 33],
    [{ earned: 10, paidFen: 300, refundedBeforeFen: 0, refundFen: 100 }, 3],
    [{ earned: 10, paidFen: 300, refundedBeforeFen: 100, refundFen: 100 }, 3],
    [{ earned: 10, paidFen: 300, refundedBeforeFen: 200, refundFen: 100 }, 4],
    [{ earned: 10, paidFen: 300, refundedBeforeFen: 300, refundFen: 100 }, 0], // over-refund takes nothing more
    [{ earned: 0, paidFen: 0, refundedBeforeFen: 0, refundFen: 0 }, 0],
  ])('%j reverses %i', (input, reversal) => {
    expect(refundReversal(input)).toBe(reversal)
  })

  it.each([{ earned: -1 }, { paidFen: 1.5 }, { refundFen: Number.NaN }])('refuses %j', (bad) => {
    expect(() => refundReversal({ earned: 10, paidFen: 100, refundedBeforeFen: 0, refundFen: 10, ...bad })).toThrow(
      RangeError,
    )
  })

  it('never reverses more than was earned, whatever the partial refunds', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 1_000_000 }),
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.array(fc.nat({ max: 5_000_000 }), { maxLength: 10 }),
        (earned, paidFen, refunds) => {
          let refunded = 0
          let reversed = 0
          for (const refundFen of refunds) {
            const step = refundReversal({ earned, paidFen, refundedBeforeFen: refunded, refundFen })
            expect(step).toBeGreaterThanOrEqual(0)
            reversed += step
            refunded += refundFen
          }
          expect(reversed).toBeLessThanOrEqual(earned)
          if (refunded >= paidFen) expect(reversed).toBe(earned)
        },
      ),
    )
  })
})
