import { AppError, maxUploadBytes, uploadFieldName, UploadView, uploadIdPattern } from '@mc/shared'
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { AppEnv } from '../deps'
import { requirePermission } from '../auth/require-permission'
import { documentRoute } from '../openapi/document-route'
import { storeUpload } from './store-upload'

/** The one API path whose body may exceed the API's 64 KB limit; `app.ts` leaves it to the route's own limit. */
export const uploadRequestPath = '/api/admin/uploads'

/** A 2 MB file and the multipart framing around it; a bigger body is refused before it is read further. */
const uploadBodyLimit = bodyLimit({
  maxSize: maxUploadBytes + 16 * 1024,
  onError: () => {
    throw new AppError('UPLOAD_TOO_LARGE', { maxBytes: maxUploadBytes })
  },
})

/** Merchant console: image uploads for mall items and the like. */
export const uploadAdminRoutes = new Hono<AppEnv>().post(
  '/uploads',
  documentRoute({
    summary: 'Upload an image (JPEG, PNG or WebP, at most 2 MB) as multipart/form-data field `file`; audited',
    description:
      'The format is read from the bytes (magic number and the dimensions in the header), never from the file ' +
      'name or declared type. The answer `url` (`/uploads/<id>`, public, cached for a year) goes into a mall ' +
      "item's `images`. The same bytes uploaded again answer the same id.",
    auth: 'admin',
    permission: 'mall.edit',
    ok: { 201: { description: 'The stored image', schema: UploadView } },
    errors: ['UPLOAD_FILE_REQUIRED', 'UPLOAD_NOT_IMAGE', 'UPLOAD_TOO_LARGE', 'UPLOAD_DIMENSIONS_INVALID'],
  }),
  requirePermission('mall.edit'),
  uploadBodyLimit,
  async (c) => {
    let form: Record<string, unknown>
    try {
      form = await c.req.parseBody()
    } catch {
      throw new AppError('UPLOAD_FILE_REQUIRED', { reason: 'the body is not multipart/form-data' })
    }
    const file = form[uploadFieldName]
    if (!(file instanceof File)) throw new AppError('UPLOAD_FILE_REQUIRED', { field: uploadFieldName })
    if (file.size > maxUploadBytes) {
      throw new AppError('UPLOAD_TOO_LARGE', { byteSize: file.size, maxBytes: maxUploadBytes })
    }
    const bytes = new Uint8Array(await file.arrayBuffer())
    return c.json(await storeUpload(c.var.deps, c.var.principal.actor, { name: file.name, bytes }), 201)
  },
)

/**
 * Public: an uploaded image's bytes. Ids are content hashes, so an answer never changes: browsers and CDNs may
 * keep it for a year. Not under /api (an `<image src>` sends no token), and not in the API document.
 */
export const uploadFileRoutes = new Hono<AppEnv>().get('/uploads/:id', async (c) => {
  const id = c.req.param('id')
  if (!uploadIdPattern.test(id)) throw new AppError('UPLOAD_NOT_FOUND')
  const { db, images } = c.var.deps
  const row = await db.selectFrom('uploads').select(['content_type', 'sha256']).where('id', '=', id).executeTakeFirst()
  if (!row) throw new AppError('UPLOAD_NOT_FOUND')
  const etag = `"${row.sha256}"`
  const headers = {
    'Content-Type': row.content_type,
    'Cache-Control': 'public, max-age=31536000, immutable',
    ETag: etag,
    'X-Content-Type-Options': 'nosniff',
  }
  const ifNoneMatch = c.req.header('if-none-match')
  if (ifNoneMatch?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
    return c.body(null, 304, headers)
  }
  const bytes = await images.get(id)
  if (!bytes) throw new AppError('UPLOAD_NOT_FOUND')
  return c.body(bytes, 200, headers)
})
