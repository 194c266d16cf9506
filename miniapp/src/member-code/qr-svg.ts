import { create } from 'qrcode/lib/core/qrcode'

/**
 * The member code as a QR image: an SVG drawn from qrcode's module matrix and returned as a data URL. Built by
 * hand from the matrix because the mini-program has neither canvas-to-URL nor btoa; a URI-encoded SVG works on
 * both targets.
 */
export function qrSvgDataUrl(text: string): string {
  const { modules } = create(text, { errorCorrectionLevel: 'M' })
  const quiet = 2
  let path = ''
  for (let y = 0; y < modules.size; y += 1) {
    for (let x = 0; x < modules.size; x += 1) {
      if (modules.get(x, y)) path += `M${x + quiet} ${y + quiet}h1v1h-1z`
    }
  }
  const side = modules.size + quiet * 2
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side}" shape-rendering="crispEdges">` +
    `<rect width="${side}" height="${side}" fill="#fff"/><path d="${path}" fill="#111"/></svg>`
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`
}
