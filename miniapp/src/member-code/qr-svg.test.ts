import { describe, expect, it } from 'vitest'
import { create } from 'qrcode/lib/core/qrcode'
import { qrSvgDataUrl } from './qr-svg'

describe('qrSvgDataUrl', () => {
  it('draws every dark module of the code, inside a quiet zone', () => {
    const code = '912345678901234567'
    const url = qrSvgDataUrl(code)
    expect(url.startsWith('data:image/svg+xml;charset=utf-8,')).toBe(true)
    const svg = decodeURIComponent(url.split(',')[1])
    const { modules } = create(code, { errorCorrectionLevel: 'M' })
    let dark = 0
    for (let y = 0; y < modules.size; y += 1) for (let x = 0; x < modules.size; x += 1) if (modules.get(x, y)) dark += 1
    expect(svg.match(/h1v1h-1z/g)?.length).toBe(dark)
    expect(svg).toContain(`viewBox="0 0 ${modules.size + 4} ${modules.size + 4}"`)
  })

  it('changes with the code', () => {
    expect(qrSvgDataUrl('912345678901234567')).not.toBe(qrSvgDataUrl('912345678901234568'))
  })
})
