import { describe, expect, it } from 'vitest'
import { create } from 'qrcode/lib/core/qrcode'
import { qrSvgDataUrl } from './qr-svg'

const quiet = 2

/** The dark modules the SVG draws, as a grid indexed [row][column], read back from its `M x y` squares. */
function drawnGrid(url: string, size: number): boolean[][] {
  const svg = decodeURIComponent(url.split(',')[1])
  const grid = Array.from({ length: size }, () => Array<boolean>(size).fill(false))
  for (const [, x, y] of svg.matchAll(/M(\d+) (\d+)h1v1h-1z/g)) grid[Number(y) - quiet][Number(x) - quiet] = true
  return grid
}

describe('qrSvgDataUrl', () => {
  it('draws every dark module of the code, inside a quiet zone', () => {
    const code = '912345678901234567'
    const url = qrSvgDataUrl(code)
    expect(url.startsWith('data:image/svg+xml;charset=utf-8,')).toBe(true)
    const svg = decodeURIComponent(url.split(',')[1])
    const { modules } = create(code, { errorCorrectionLevel: 'M' })
    expect(svg).toContain(`viewBox="0 0 ${modules.size + quiet * 2} ${modules.size + quiet * 2}"`)
  })

  // A transposed symbol still has its three finder patterns in the right corners, so it looks right, but only
  // scanners that retry a mirrored reading decode it.
  it('draws the module at row r, column c where the library puts it, not transposed', () => {
    const code = '912345678901234567'
    const { modules } = create(code, { errorCorrectionLevel: 'M' })
    const expected = Array.from({ length: modules.size }, (_, r) =>
      Array.from({ length: modules.size }, (_, c) => modules.get(r, c) === 1),
    )
    expect(drawnGrid(qrSvgDataUrl(code), modules.size)).toEqual(expected)
  })

  it('changes with the code', () => {
    expect(qrSvgDataUrl('912345678901234567')).not.toBe(qrSvgDataUrl('912345678901234568'))
  })
})
