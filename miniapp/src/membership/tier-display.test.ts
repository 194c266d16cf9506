import { describe, expect, it } from 'vitest'
import { clampPercent, mixColor, tierPalette } from './tier-display'

describe('mixColor', () => {
  it.each([
    ['#7b3fe4', 'black', 0.5, '#3e2072'],
    ['#7b3fe4', 'white', 0, '#7b3fe4'],
    ['#000000', 'white', 1, '#ffffff'],
    ['#c9a227', 'white', 2, '#ffffff'],
    // A colour the app cannot read falls back to neutral grey instead of breaking the card.
    ['gold', 'black', 0, '#8a8f99'],
    ['#abc', 'black', 0, '#8a8f99'],
  ] as const)('%s towards %s by %d is %s', (color, target, weight, expected) => {
    expect(mixColor(color, target, weight)).toBe(expected)
  })
})

describe('tierPalette', () => {
  it('derives every colour from the tier colour', () => {
    const palette = tierPalette('#c9a227')
    expect(palette.card).toBe('linear-gradient(135deg, #cca834 0%, #a58520 55%, #755e17 100%)')
    expect(palette.badgeText).toBe('#655114')
  })
})

describe('clampPercent', () => {
  it.each([
    [-5, 0],
    [42.4, 42],
    [140, 100],
    [Number.NaN, 0],
  ])('%d → %d', (percent, expected) => {
    expect(clampPercent(percent)).toBe(expected)
  })
})
