import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { byExpiryThenId, livePoints, planLotConsumption, type PointsLot } from './lots'

const now = new Date('2026-11-23T00:00:00.000Z')
const lots: PointsLot[] = [
  { id: 'lot_c', remaining: 100, expiresAt: null },
  { id: 'lot_b', remaining: 50, expiresAt: '2026-12-31T16:00:00.000Z' },
  { id: 'lot_a', remaining: 30, expiresAt: '2026-11-30T16:00:00.000Z' },
  { id: 'lot_x', remaining: 999, expiresAt: '2026-11-22T16:00:00.000Z' }, // already expired
]

describe('planLotConsumption', () => {
  it.each([
    [20, [{ lotId: 'lot_a', points: 20 }]],
    [30, [{ lotId: 'lot_a', points: 30 }]],
    [
      60,
      [
        { lotId: 'lot_a', points: 30 },
        { lotId: 'lot_b', points: 30 },
      ],
    ],
    [
      180,
      [
        { lotId: 'lot_a', points: 30 },
        { lotId: 'lot_b', points: 50 },
        { lotId: 'lot_c', points: 100 },
      ],
    ],
    [181, null],
  ])('spending %i takes %j', (points, plan) => {
    expect(planLotConsumption(lots, points, now)).toEqual(plan)
  })

  it.each([0, -5, 1.5, Number.NaN])('refuses to spend %d', (points) => {
    expect(() => planLotConsumption(lots, points, now)).toThrow(RangeError)
  })

  const arbitraryLots = fc
    .array(
      fc.record({
        id: fc.string({ minLength: 1, maxLength: 4 }).map((s) => `lot_${s}`),
        remaining: fc.nat({ max: 500 }),
        expiresAt: fc.option(
          fc
            .integer({ min: now.getTime() - 10 * 86_400_000, max: now.getTime() + 400 * 86_400_000 })
            .map((ms) => new Date(ms).toISOString()),
          { nil: null },
        ),
      }),
      { maxLength: 12 },
    )
    .map((list) => list.filter((lot, i) => list.findIndex((o) => o.id === lot.id) === i))

  it('takes exactly the amount, never from an expired lot, never more than a lot holds, in expiry order', () => {
    fc.assert(
      fc.property(arbitraryLots, fc.integer({ min: 1, max: 3000 }), (list, points) => {
        const plan = planLotConsumption(list, points, now)
        if (plan === null) {
          expect(livePoints(list, now)).toBeLessThan(points)
          return
        }
        expect(plan.reduce((sum, take) => sum + take.points, 0)).toBe(points)
        const used = plan.map((take) => list.find((lot) => lot.id === take.lotId)!)
        for (const [i, lot] of used.entries()) {
          expect(lot.expiresAt === null || lot.expiresAt > now.toISOString()).toBe(true)
          expect(plan[i].points).toBeGreaterThan(0)
          expect(plan[i].points).toBeLessThanOrEqual(lot.remaining)
          if (i > 0) expect(byExpiryThenId(used[i - 1], lot)).toBeLessThan(0)
          // Every lot before the last one used is drained: no later lot is touched while an earlier one has points.
          if (i < used.length - 1) expect(plan[i].points).toBe(lot.remaining)
        }
        // No live lot that expires earlier than a used one was skipped.
        const last = used[used.length - 1]
        for (const lot of list) {
          const live = lot.remaining > 0 && (lot.expiresAt === null || lot.expiresAt > now.toISOString())
          if (live && byExpiryThenId(lot, last) < 0) expect(used).toContain(lot)
        }
      }),
    )
  })
})
