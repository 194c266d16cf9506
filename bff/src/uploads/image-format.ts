import type { UploadContentType } from '@mc/shared'

/** What an image's own bytes say it is. */
export interface ImageInfo {
  contentType: UploadContentType
  width: number
  height: number
}

/** Why bytes were not accepted as an image: not one of ours at all, or one whose header does not hold together. */
export type ImageRefusal = { refused: 'not_image' | 'unsupported' | 'corrupt'; detected?: string }

const ascii = (bytes: Uint8Array, start: number, length: number) =>
  String.fromCharCode(...bytes.subarray(start, start + length))

const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

/** CRC-32 as PNG chunks carry it (node:zlib has one only from Node 22). */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff
  for (const byte of bytes) crc = crcTable[(crc ^ byte) & 0xff] ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}

/** PNG: the signature, then the IHDR chunk first (13 bytes: width, height, …) with a CRC that matches. */
function readPng(bytes: Uint8Array, view: DataView): ImageInfo | ImageRefusal {
  if (bytes.length < 33 || view.getUint32(8) !== 13 || ascii(bytes, 12, 4) !== 'IHDR') return { refused: 'corrupt' }
  if (crc32(bytes.subarray(12, 29)) !== view.getUint32(29)) return { refused: 'corrupt' }
  return { contentType: 'image/png', width: view.getUint32(16), height: view.getUint32(20) }
}

/**
 * JPEG: walks the marker segments from SOI to the first start-of-frame (SOF0–SOF15 except DHT, JPG and DAC),
 * which holds the height and width; a scan or the end before any frame header is corrupt.
 */
function readJpeg(bytes: Uint8Array, view: DataView): ImageInfo | ImageRefusal {
  let offset = 2
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) return { refused: 'corrupt' }
    const marker = bytes[offset + 1]
    if (marker === 0xff) {
      offset += 1 // fill byte
      continue
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      offset += 2 // markers without a length
      continue
    }
    if (marker === 0xd9 || marker === 0xda) return { refused: 'corrupt' }
    const length = view.getUint16(offset + 2)
    if (length < 2 || offset + 2 + length > bytes.length) return { refused: 'corrupt' }
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc
    if (isFrame) {
      if (length < 8) return { refused: 'corrupt' }
      return { contentType: 'image/jpeg', height: view.getUint16(offset + 5), width: view.getUint16(offset + 7) }
    }
    offset += 2 + length
  }
  return { refused: 'corrupt' }
}

/** WebP: a RIFF container whose size matches the file, then a VP8 (lossy), VP8L (lossless) or VP8X chunk. */
function readWebp(bytes: Uint8Array, view: DataView): ImageInfo | ImageRefusal {
  const riffSize = view.getUint32(4, true)
  if (riffSize + 8 !== bytes.length && riffSize + 9 !== bytes.length) return { refused: 'corrupt' }
  if (bytes.length < 30) return { refused: 'corrupt' }
  const chunk = ascii(bytes, 12, 4)
  const at = 20 // the first chunk's payload
  if (chunk === 'VP8 ') {
    if (bytes[at + 3] !== 0x9d || bytes[at + 4] !== 0x01 || bytes[at + 5] !== 0x2a) return { refused: 'corrupt' }
    const width = view.getUint16(at + 6, true) & 0x3fff
    const height = view.getUint16(at + 8, true) & 0x3fff
    return { contentType: 'image/webp', width, height }
  }
  if (chunk === 'VP8L') {
    if (bytes[at] !== 0x2f) return { refused: 'corrupt' }
    const bits = view.getUint32(at + 1, true)
    return { contentType: 'image/webp', width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 }
  }
  if (chunk === 'VP8X') {
    const width = (bytes[at + 4] | (bytes[at + 5] << 8) | (bytes[at + 6] << 16)) + 1
    const height = (bytes[at + 7] | (bytes[at + 8] << 8) | (bytes[at + 9] << 16)) + 1
    return { contentType: 'image/webp', width, height }
  }
  return { refused: 'corrupt' }
}

/** Formats that are images but not ones we take, named so the refusal can say what the file really was. */
function otherImage(bytes: Uint8Array): string | null {
  if (ascii(bytes, 0, 4) === 'GIF8') return 'image/gif'
  if (ascii(bytes, 0, 2) === 'BM') return 'image/bmp'
  if (ascii(bytes, 4, 8) === 'ftypavif' || ascii(bytes, 4, 8) === 'ftypheic') return 'image/heif'
  if (/^\s*<(\?xml|svg)/i.test(ascii(bytes, 0, 64))) return 'image/svg+xml'
  if ((bytes[0] === 0x49 && bytes[1] === 0x49) || (bytes[0] === 0x4d && bytes[1] === 0x4d)) return 'image/tiff'
  return null
}

/**
 * Reads the format and the real dimensions from an image's header, trusting neither the file name nor the
 * declared content type. JPEG, PNG and WebP are read; anything else is refused.
 */
export function readImageInfo(bytes: Uint8Array): ImageInfo | ImageRefusal {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (bytes.length >= 8 && pngSignature.every((byte, i) => bytes[i] === byte)) return readPng(bytes, view)
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return readJpeg(bytes, view)
  if (bytes.length >= 16 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') {
    return readWebp(bytes, view)
  }
  const detected = otherImage(bytes)
  return detected ? { refused: 'unsupported', detected } : { refused: 'not_image' }
}
