import { describe, expect, it } from 'vitest'
import { newId } from './ids'

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

  it('does not repeat', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => newId('x', 0)))
    expect(ids.size).toBe(10_000)
  })
})
