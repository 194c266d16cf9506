import { AppError, maxUploadBytes, maxUploadSide, uploadPath, type UploadView } from '@mc/shared'
import { createHash } from 'node:crypto'
import { audit } from '../audit/audit'
import type { Deps } from '../deps'
import { readImageInfo } from './image-format'

/** The content id of some bytes: the same image uploaded twice is one upload. */
export const uploadIdOf = (bytes: Uint8Array) => `upl_${createHash('sha256').update(bytes).digest('hex').slice(0, 32)}`

/**
 * Checks an uploaded file by its content (JPEG, PNG or WebP, with sane dimensions read from its header, at most
 * 2 MB), stores the bytes under their content id and records the upload; audited. Uploading bytes already
 * stored answers the same upload.
 */
export async function storeUpload(
  deps: Deps,
  actor: string,
  file: { name: string; bytes: Uint8Array },
): Promise<UploadView> {
  const { bytes } = file
  if (bytes.length > maxUploadBytes) {
    throw new AppError('UPLOAD_TOO_LARGE', { byteSize: bytes.length, maxBytes: maxUploadBytes })
  }
  const info = readImageInfo(bytes)
  if ('refused' in info) {
    throw new AppError('UPLOAD_NOT_IMAGE', {
      reason: info.refused,
      ...(info.detected ? { detected: info.detected } : {}),
    })
  }
  const { contentType, width, height } = info
  if (width < 1 || height < 1 || width > maxUploadSide || height > maxUploadSide) {
    throw new AppError('UPLOAD_DIMENSIONS_INVALID', { width, height, maxSide: maxUploadSide })
  }
  const id = uploadIdOf(bytes)
  const sha256 = createHash('sha256').update(bytes).digest('hex')
  // Bytes first: a row never names a file that is not there. A file without a row (a crash in between) is
  // harmless: it is never served, and the next upload of the same bytes rewrites it and adds the row.
  await deps.images.put(id, bytes)
  const now = deps.clock.now()
  await deps.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('uploads')
      .values({
        id,
        content_type: contentType,
        byte_size: bytes.length,
        sha256,
        width,
        height,
        created_by: actor,
        created_at: now.toISOString(),
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst()
    await audit(trx, {
      actor,
      action: 'upload.create',
      targetType: 'upload',
      targetId: id,
      detail: {
        fileName: file.name.slice(0, 100),
        contentType,
        width,
        height,
        byteSize: bytes.length,
        alreadyStored: Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0,
      },
      now,
    })
  })
  return { id, url: uploadPath(id), contentType, width, height, byteSize: bytes.length }
}
