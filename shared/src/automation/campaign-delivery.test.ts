import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { campaignMessagesPerMinute, deliveredPercent, deliveryMinutesLeft } from './campaign-delivery'

describe('deliveryMinutesLeft', () => {
  it('counts the campaigns ahead in the queue first, a pass of 60,000 a minute', () => {
    const queue = [
      { id: 'a', waiting: 50_000 },
      { id: 'b', waiting: 20_000 },
      { id: 'c', waiting: 1 },
    ]
    expect(deliveryMinutesLeft(queue, 'a')).toBe(1)
    // b's last message is the 70,000th the drain reaches: in its second pass.
    expect(deliveryMinutesLeft(queue, 'b')).toBe(2)
    expect(deliveryMinutesLeft(queue, 'c')).toBe(2)
    expect(deliveryMinutesLeft([{ id: 'm', waiting: 1_000_000 }], 'm')).toBe(17)
  })

  it('is 0 for a campaign with nothing waiting or not in the queue', () => {
    expect(
      deliveryMinutesLeft(
        [
          { id: 'a', waiting: 10 },
          { id: 'b', waiting: 0 },
        ],
        'b',
      ),
    ).toBe(0)
    expect(deliveryMinutesLeft([{ id: 'a', waiting: 10 }], 'x')).toBe(0)
  })

  it('never promises a campaign sooner than the messages ahead of it and its own take', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 500_000 }), { minLength: 1, maxLength: 8 }), (waits) => {
        const queue = waits.map((waiting, i) => ({ id: `c${i}`, waiting }))
        let ahead = 0
        for (const { id, waiting } of queue) {
          ahead += waiting
          const minutes = deliveryMinutesLeft(queue, id)
          if (waiting === 0) expect(minutes).toBe(0)
          else {
            expect(minutes * campaignMessagesPerMinute).toBeGreaterThanOrEqual(ahead)
            expect((minutes - 1) * campaignMessagesPerMinute).toBeLessThan(ahead)
          }
        }
      }),
    )
  })
})

describe('deliveredPercent', () => {
  it('reads 100 only when every message is delivered', () => {
    expect(deliveredPercent(40_000, 0)).toBe(0)
    expect(deliveredPercent(40_000, 12_000)).toBe(30)
    expect(deliveredPercent(10_000, 9_999)).toBe(99)
    expect(deliveredPercent(10_000, 10_000)).toBe(100)
    expect(deliveredPercent(0, 0)).toBe(0)
  })
})
