import { maxUploadBytes, uploadIdFromUrl } from '@mc/shared'
import { readdir } from 'node:fs/promises'
import { deflateSync, gzipSync } from 'node:zlib'
import QRCode from 'qrcode'
import { describe, expect, it } from 'vitest'
import { operatorToken } from '../test/operator-fixtures'
import { testAdminToken, useTestApp } from '../test/test-app'
import { crc32, readImageInfo } from './image-format'

// Test images are made here, by other means than the code under test: PNG by qrcode's encoder and by hand (zlib,
// with each chunk's CRC taken from a gzip trailer), a baseline JPEG by hand, WebP from well-known 1×1 files.

/** A PNG chunk; its CRC-32 is the one gzip puts in its trailer (little-endian, 8 bytes from the end). */
function pngChunk(type: string, data: Buffer) {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const gz = gzipSync(body)
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(gz.readUInt32LE(gz.length - 8))
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  return Buffer.concat([length, body, crc])
}

/** A width × height RGB PNG, every pixel the same colour. */
function handMadePng(width: number, height: number) {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 2, 0, 0, 0], 8) // 8 bits, truecolour, deflate, no filter, no interlace
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, 0x7f)])
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)))
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', pixels),
    pngChunk('IEND', Buffer.alloc(0)),
  ])
}

/**
 * A grey baseline JPEG of 16 × 8 pixels (two 8 × 8 blocks, one component): quantisation all ones, one-code Huffman
 * tables (DC category 0 → "0", AC end-of-block → "0"), so the scan is "0 0 0 0" padded with ones.
 */
function handMadeJpeg() {
  const segment = (marker: number, payload: number[]) => [
    0xff,
    marker,
    (payload.length + 2) >> 8,
    (payload.length + 2) & 0xff,
    ...payload,
  ]
  const oneCodeTable = (tableClass: number, symbol: number) => [(tableClass << 4) | 0, 1, ...Array(15).fill(0), symbol]
  return Buffer.from([
    0xff,
    0xd8,
    ...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]), // JFIF
    ...segment(0xdb, [0, ...Array(64).fill(1)]),
    ...segment(0xc0, [8, 0, 8, 0, 16, 1, 1, 0x11, 0]), // SOF0: 8 bits, height 8, width 16, one component
    ...segment(0xc4, oneCodeTable(0, 0)),
    ...segment(0xc4, oneCodeTable(1, 0)),
    ...segment(0xda, [1, 1, 0x00, 0, 63, 0]),
    0x0f,
    0xff,
    0xd9,
  ])
}

const webpLossy1x1 = Buffer.from('UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAAA', 'base64')
const webpLossless1x1 = Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64')
const gif1x1 = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64')

/** The lossless 1×1 image inside an extended (VP8X) container that declares a 1×1 canvas. */
function extendedWebp() {
  const vp8l = webpLossless1x1.subarray(12)
  const vp8x = Buffer.concat([Buffer.from('VP8X'), Buffer.from([10, 0, 0, 0]), Buffer.alloc(10)])
  const body = Buffer.concat([Buffer.from('WEBP'), vp8x, vp8l])
  const size = Buffer.alloc(4)
  size.writeUInt32LE(body.length)
  return Buffer.concat([Buffer.from('RIFF'), size, body])
}

describe('reading image headers', () => {
  it('computes the CRC-32 PNG uses (the check value of "123456789")', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926)
  })

  it('reads the real format and dimensions of PNG, JPEG and WebP (lossy, lossless, extended)', async () => {
    expect(readImageInfo(handMadePng(3, 2))).toEqual({ contentType: 'image/png', width: 3, height: 2 })
    const qr = await QRCode.toBuffer('https://example.com', { type: 'png', width: 200, margin: 0 })
    expect(readImageInfo(qr)).toMatchObject({ contentType: 'image/png' })
    expect(readImageInfo(handMadeJpeg())).toEqual({ contentType: 'image/jpeg', width: 16, height: 8 })
    expect(readImageInfo(webpLossy1x1)).toEqual({ contentType: 'image/webp', width: 1, height: 1 })
    expect(readImageInfo(webpLossless1x1)).toEqual({ contentType: 'image/webp', width: 1, height: 1 })
    expect(readImageInfo(extendedWebp())).toEqual({ contentType: 'image/webp', width: 1, height: 1 })
  })

  it('refuses other formats by name, and headers that do not hold together', () => {
    expect(readImageInfo(gif1x1)).toEqual({ refused: 'unsupported', detected: 'image/gif' })
    expect(readImageInfo(Buffer.from('just some text, named photo.png'))).toEqual({ refused: 'not_image' })
    const badCrc = handMadePng(3, 2)
    badCrc[20] ^= 1 // height changed after the CRC was taken
    expect(readImageInfo(badCrc)).toEqual({ refused: 'corrupt' })
    expect(readImageInfo(handMadePng(3, 2).subarray(0, 20))).toEqual({ refused: 'corrupt' })
    expect(readImageInfo(handMadeJpeg().subarray(0, 30))).toEqual({ refused: 'corrupt' })
    expect(readImageInfo(webpLossy1x1.subarray(0, 28))).toEqual({ refused: 'corrupt' })
  })
})

describe('POST /api/admin/uploads and GET /uploads/:id', () => {
  const t = useTestApp({}, { verifyLedgers: false })

  const upload = async (bytes: Uint8Array, name: string, token: string | null = testAdminToken, type = 'image/png') => {
    const form = new FormData()
    form.append('file', new File([new Uint8Array(bytes)], name, { type }))
    const response = await t.app.request('/api/admin/uploads', {
      method: 'POST',
      body: form,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    })
    return { status: response.status, body: (await response.json()) as any }
  }
  const stored = async () => ({
    rows: Number(
      (
        await t.db
          .selectFrom('uploads')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirst()
      )?.n,
    ),
    files: (await readdir(t.imagesDir)).length,
  })

  it.each([
    ['a hand-made PNG', () => handMadePng(3, 2), 'image/png', 3, 2],
    ['a hand-made baseline JPEG', handMadeJpeg, 'image/jpeg', 16, 8],
    ['a lossy WebP', () => webpLossy1x1, 'image/webp', 1, 1],
    ['a lossless WebP', () => webpLossless1x1, 'image/webp', 1, 1],
  ])('stores %s, answers its real type and size, and serves it back', async (_, make, contentType, width, height) => {
    const bytes = make()
    const answer = await upload(bytes, 'whatever.bin', testAdminToken, 'application/octet-stream')
    expect(answer.status).toBe(201)
    expect(answer.body).toEqual({
      id: expect.stringMatching(/^upl_[0-9a-f]{32}$/),
      url: `/uploads/${answer.body.id}`,
      contentType,
      width,
      height,
      byteSize: bytes.length,
    })
    expect(uploadIdFromUrl(answer.body.url)).toBe(answer.body.id)

    const served = await t.app.request(answer.body.url)
    expect(served.status).toBe(200)
    expect(Buffer.from(await served.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true)
    expect(served.headers.get('content-type')).toBe(contentType)
    expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(served.headers.get('x-content-type-options')).toBe('nosniff')
    const etag = served.headers.get('etag')
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/)
    const again = await t.app.request(answer.body.url, { headers: { 'if-none-match': etag! } })
    expect(again.status).toBe(304)
  })

  it('answers the same upload for the same bytes, keeps one copy, and audits each upload by who made it', async () => {
    const bytes = handMadePng(7, 5)
    const before = await stored()
    const first = await upload(bytes, '海报.png')
    const second = await upload(bytes, 'copy.png')
    expect(second.body).toEqual(first.body)
    expect(await stored()).toEqual({ rows: before.rows + 1, files: before.files + 1 })
    const audits = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'upload.create')
      .where('target_id', '=', first.body.id)
      .orderBy('id')
      .execute()
    expect(audits.map((a) => [a.actor, a.target_type, JSON.parse(a.detail).alreadyStored])).toEqual([
      [expect.stringMatching(/^api_key:/), 'upload', false],
      [expect.stringMatching(/^api_key:/), 'upload', true],
    ])
    expect(JSON.parse(audits[0].detail)).toMatchObject({ fileName: '海报.png', width: 7, height: 5 })
  })

  it('refuses a text file named .png, a GIF and a corrupt PNG by their content, storing nothing', async () => {
    const before = await stored()
    const text = await upload(Buffer.from('not an image at all\n'), 'photo.png')
    expect(text.status).toBe(415)
    expect(text.body.error).toMatchObject({
      code: 'UPLOAD_NOT_IMAGE',
      message: '只能上传 JPEG、PNG 或 WebP 格式的图片',
      details: { reason: 'not_image' },
    })
    const gif = await upload(gif1x1, 'anim.gif', testAdminToken, 'image/gif')
    expect(gif.status).toBe(415)
    expect(gif.body.error).toMatchObject({ code: 'UPLOAD_NOT_IMAGE', details: { detected: 'image/gif' } })
    const corrupt = handMadePng(3, 2)
    corrupt[17] ^= 0x40
    expect((await upload(corrupt, 'x.png')).body.error.code).toBe('UPLOAD_NOT_IMAGE')
    expect(await stored()).toEqual(before)
  })

  it('refuses an image over 8000 pixels a side', async () => {
    const answer = await upload(handMadePng(8001, 1), 'wide.png')
    expect(answer.status).toBe(422)
    expect(answer.body.error).toMatchObject({ code: 'UPLOAD_DIMENSIONS_INVALID', details: { width: 8001 } })
  })

  it('refuses a 3 MB file with UPLOAD_TOO_LARGE, storing nothing; a file just over 2 MB too', async () => {
    const before = await stored()
    const big = Buffer.concat([handMadePng(3, 2), Buffer.alloc(3 * 1024 * 1024)])
    const answer = await upload(big, 'big.png')
    expect(answer.status).toBe(413)
    expect(answer.body.error).toMatchObject({ code: 'UPLOAD_TOO_LARGE', message: '图片不能超过 2 MB' })
    const justOver = await upload(Buffer.concat([handMadePng(3, 2), Buffer.alloc(maxUploadBytes)]), 'b.png')
    expect(justOver.body.error.code).toBe('UPLOAD_TOO_LARGE')
    expect(await stored()).toEqual(before)
  })

  it('keeps the 64 KB limit on every other API body', async () => {
    const response = await t.app.request('/api/admin/outlets', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${testAdminToken}` },
      body: JSON.stringify({ name: 'x'.repeat(70 * 1024) }),
    })
    expect(response.status).toBe(413)
    expect(((await response.json()) as any).error.code).toBe('PAYLOAD_TOO_LARGE')
  })

  it('asks for the file field, and a multipart body', async () => {
    const form = new FormData()
    form.append('image', new File([handMadePng(1, 1)], 'a.png'))
    const wrongField = await t.app.request('/api/admin/uploads', {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${testAdminToken}` },
    })
    expect(wrongField.status).toBe(400)
    expect(((await wrongField.json()) as any).error.code).toBe('UPLOAD_FILE_REQUIRED')
    const json = await t.json('POST', '/api/admin/uploads', { file: 'x' }, testAdminToken)
    expect(json).toMatchObject({ status: 400, body: { error: { code: 'UPLOAD_FILE_REQUIRED' } } })
  })

  it('needs mall.edit: an analyst is refused, nobody is refused 401, an operator may', async () => {
    const analyst = await operatorToken(t, 'analyst')
    const refused = await upload(handMadePng(2, 2), 'a.png', analyst.token)
    expect(refused.status).toBe(403)
    expect(refused.body.error).toMatchObject({ code: 'FORBIDDEN', details: { permission: 'mall.edit' } })
    expect((await upload(handMadePng(2, 2), 'a.png', null)).status).toBe(401)
    const operator = await operatorToken(t, 'operator')
    const allowed = await upload(handMadePng(2, 3), 'a.png', operator.token)
    expect(allowed.status).toBe(201)
    const audit = await t.db
      .selectFrom('audit_log')
      .select('actor')
      .where('target_id', '=', allowed.body.id)
      .executeTakeFirstOrThrow()
    expect(audit.actor).toBe(`operator:${operator.operator.id}`)
  })

  it('answers 404 for an unknown or malformed id, and for a row whose file is gone', async () => {
    const unknown = await t.app.request(`/uploads/upl_${'0'.repeat(32)}`)
    expect(unknown.status).toBe(404)
    expect(((await unknown.json()) as any).error.code).toBe('UPLOAD_NOT_FOUND')
    expect((await t.app.request('/uploads/..%2F..%2Fetc%2Fpasswd')).status).toBe(404)
    await t.db
      .insertInto('uploads')
      .values({
        id: `upl_${'f'.repeat(32)}`,
        content_type: 'image/png',
        byte_size: 1,
        sha256: 'f'.repeat(64),
        width: 1,
        height: 1,
        created_by: 'test',
        created_at: t.clock.now().toISOString(),
      })
      .execute()
    expect((await t.app.request(`/uploads/upl_${'f'.repeat(32)}`)).status).toBe(404)
  })

  it('lets a mall item use an upload as its image', async () => {
    const image = await upload(handMadePng(4, 4), 'cover.png')
    const item = await t.json(
      'POST',
      '/api/admin/mall/items',
      {
        title: '帆布袋',
        description: '',
        images: [image.body.url],
        pointsPrice: 100,
        cashFen: 0,
        stock: 5,
        perMemberLimit: null,
        minTierKey: null,
        activeFrom: null,
        activeUntil: null,
        fulfilment: 'pickup',
        coupon: null,
        onSale: true,
      },
      testAdminToken,
    )
    expect(item.status).toBe(201)
    expect(item.body.item.images).toEqual([image.body.url])
    const madeUp = `/uploads/upl_${'a'.repeat(32)}`
    const refused = await t.json(
      'PATCH',
      `/api/admin/mall/items/${item.body.item.id}`,
      { images: [image.body.url, 'https://cdn.example.com/a.png', madeUp] },
      testAdminToken,
    )
    expect(refused).toMatchObject({
      status: 400,
      body: {
        error: {
          code: 'INVALID_REQUEST',
          details: { issues: [{ path: 'images.2', message: '图片不存在，请重新上传' }] },
        },
      },
    })
  })
})
