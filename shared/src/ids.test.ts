import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { idFloor, newId } from './ids'

describe('newId', () => {
  it('carries its prefix and 26 Crockford characters', () => {
    expect(newId('mbr')).toMatch(/^mbr_[0-9A-HJKMNP-TV-Z]{26}$/)
  })

  it('sorts by creation time', () => {
    const earlier = newId('pte', Date.parse('2026-01-01T00:00:00Z'))
    const later = newId('pte', Date.parse('2026-01-01T00:00:00.001Z'))
    expect(earlier < later).toBe(true)
  })

  it('strictly increases within one millisecond and when the clock steps back', () => {
    const ids = [newId('x', 5_000_000), newId('x', 5_000_000), newId('x', 4_000_000), newId('x', 5_000_000)]
    expect([...ids].sort()).toEqual(ids)
    expect(new Set(ids).size).toBe(4)
  })

  it('draws fresh random characters for each new millisecond, across refills of its random pool', () => {
    const start = Date.parse('2030-01-01T00:00:00Z')
    const randomParts = Array.from({ length: 1_000 }, (_, i) => newId('x', start + i).slice(-16))
    expect(new Set(randomParts).size).toBe(1_000)
  })

  it('does not repeat', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => newId('x', 0)))
    expect(ids.size).toBe(10_000)
  })
})

describe('idFloor', () => {
  it('is the time part alone: 2026-01-01T00:00:00Z spelled as newId spells it', () => {
    expect(idFloor('pte', Date.parse('2026-01-01T00:00:00Z'))).toBe('pte_01KDVDNA00')
  })

  it('lies above every id of an earlier millisecond and at or below every id of its own or later', () => {
    // Far-future instants, so newId's "never go back" memory of earlier specs does not lift the ids it gives.
    const base = Date.parse('2200-01-01T00:00:00Z')
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000_000 }), fc.integer({ min: 0, max: 1_000 }), (step, later) => {
        const ms = base + step * 1_000
        const floor = idFloor('gre', ms)
        const earliestBelow = `${idFloor('gre', ms - 1)}ZZZZZZZZZZZZZZZZ` // the largest id of the millisecond before
        return earliestBelow < floor && floor <= newId('gre', ms + later)
      }),
    )
  })
})
