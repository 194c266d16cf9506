import { AppError, uploadIdFromUrl } from '@mc/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'

/**
 * Image addresses that name an upload (`/uploads/<id>`, or the same on any host) must name one that is stored, so
 * a mistyped or made-up id is refused when the item is saved, not discovered as a broken picture. Other https
 * addresses are the merchant's own and pass as they are.
 */
export async function checkUploadedImages(db: Kysely<Database>, images: readonly string[]): Promise<void> {
  const named = images.map((url, index) => ({ index, id: uploadIdFromUrl(url) }))
  const ids = [...new Set(named.flatMap((n) => (n.id ? [n.id] : [])))]
  if (ids.length === 0) return
  const rows = await db.selectFrom('uploads').select('id').where('id', 'in', ids).execute()
  const stored = new Set(rows.map((row) => row.id))
  const issues = named
    .filter((n) => n.id !== null && !stored.has(n.id))
    .map((n) => ({ path: `images.${n.index}`, message: '图片不存在，请重新上传' }))
  if (issues.length > 0) throw new AppError('INVALID_REQUEST', { issues })
}
