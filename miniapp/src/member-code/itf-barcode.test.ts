import { describe, expect, it } from 'vitest'
import { itfElements, itfWideRatio } from './itf-barcode'

describe('itfElements', () => {
  it('encodes "12" as start, the interleaved pair and stop', () => {
    // 1 = wnnnw in the bars, 2 = nwnnw in the spaces.
    const w = itfWideRatio
    expect(itfElements('12')).toEqual([1, 1, 1, 1, w, 1, 1, w, 1, 1, 1, 1, w, w, w, 1, 1])
  })

  it('gives an 18-digit member code an odd count of elements that starts and ends with a bar', () => {
    const elements = itfElements('912345678901234567')!
    expect(elements).toHaveLength(4 + 9 * 10 + 3)
    // Every digit has exactly two wide elements.
    expect(elements.slice(4, -3).filter((e) => e === itfWideRatio)).toHaveLength(18 * 2)
  })

  it.each(['', '1', '123', '12a4', '12 34'])('refuses %j', (digits) => {
    expect(itfElements(digits)).toBeNull()
  })
})
