import { z } from 'zod'

/** The image formats the merchant console may upload; anything else is refused by its content, not its name. */
export const uploadContentTypes = ['image/jpeg', 'image/png', 'image/webp'] as const
export type UploadContentType = (typeof uploadContentTypes)[number]

/** The largest image file accepted (2 MB), and the largest side in pixels. */
export const maxUploadBytes = 2 * 1024 * 1024
export const maxUploadSide = 8000

/** The multipart/form-data field that carries the file (what Taro.uploadFile's `name` and an H5 FormData use). */
export const uploadFieldName = 'file'

/** An upload's id: `upl_` and 32 hex digits of its content's SHA-256, so the same bytes always get the same id. */
export const uploadIdPattern = /^upl_[0-9a-f]{32}$/

/** Where the BFF serves an upload, relative to the BFF's origin (public, cached for a year: the bytes never change). */
export const uploadPath = (id: string): string => `/uploads/${id}`

/** The upload id an image address names (`/uploads/<id>` or `https://host/uploads/<id>`), or null. */
export function uploadIdFromUrl(url: string): string | null {
  const match = /^(?:https?:\/\/[^/\s]+)?\/uploads\/(upl_[0-9a-f]{32})$/.exec(url.trim())
  return match ? match[1] : null
}

/**
 * An image address as a client can load it: site paths (`/uploads/…`) are joined to the BFF's origin, which an
 * H5 page served by the BFF can leave empty and a mini-program must give (its API base URL).
 */
export const resolveImageUrl = (url: string, origin: string): string =>
  url.startsWith('/') ? `${origin.replace(/\/+$/, '')}${url}` : url

/** The answer of POST /api/admin/uploads. `url` is the site path to put into an item's `images`. */
export const UploadView = z
  .strictObject({
    id: z.string().regex(uploadIdPattern),
    url: z.string(),
    contentType: z.enum(uploadContentTypes),
    width: z.number().int().min(1),
    height: z.number().int().min(1),
    byteSize: z.number().int().min(1),
  })
  .meta({ id: 'UploadView' })
export type UploadView = z.infer<typeof UploadView>
