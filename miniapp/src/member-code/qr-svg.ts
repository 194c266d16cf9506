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
  // BitMatrix.get takes (row, column): the module at row r, column c is drawn at x = c, y = r. The other way
  // round draws the transpose, which only scanners that retry a mirrored reading decode.
  for (let row = 0; row < modules.size; row += 1) {
    for (let col = 0; col < modules.size; col += 1) {
      if (modules.get(row, col)) path += `M${col + quiet} ${row + quiet}h1v1h-1z`
    }
  }
  const side = modules.size + quiet * 2
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side}" shape-rendering="crispEdges">` +
    `<rect width="${side}" height="${side}" fill="#fff"/><path d="${path}" fill="#111"/></svg>`
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`
}
