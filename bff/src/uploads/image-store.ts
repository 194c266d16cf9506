import { uploadIdPattern } from '@mc/shared'
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/** Where uploaded image bytes live, by upload id; the `uploads` table keeps what is known about them. */
export interface ImageStore {
  /** Stores the bytes under the id; storing the same id again keeps one copy (ids are content hashes). */
  put(id: string, bytes: Uint8Array): Promise<void>
  /** The bytes, or null when nothing is stored under the id. */
  get(id: string): Promise<Uint8Array<ArrayBuffer> | null>
  stat(id: string): Promise<{ byteSize: number } | null>
}

const checkedId = (id: string) => {
  // The id becomes a file name: only the exact content-id shape may reach the disk.
  if (!uploadIdPattern.test(id)) throw new Error(`not an upload id: ${JSON.stringify(id)}`)
  return id
}

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT'

/**
 * One file per upload in `dir` (created on first use). A write goes to a temporary file first and is renamed into
 * place, so a reader never sees half an image.
 */
export function createDiskImageStore(dir: string): ImageStore {
  const pathOf = (id: string) => join(dir, checkedId(id))
  return {
    async put(id, bytes) {
      const path = pathOf(id)
      await mkdir(dir, { recursive: true })
      const temporary = `${path}.${process.pid}.${Date.now()}.${Math.random().toString(36).slice(2)}.tmp`
      await writeFile(temporary, bytes)
      await rename(temporary, path)
    },
    async get(id) {
      try {
        return new Uint8Array(await readFile(pathOf(id)))
      } catch (error) {
        if (isMissing(error)) return null
        throw error
      }
    },
    async stat(id) {
      try {
        return { byteSize: (await stat(pathOf(id))).size }
      } catch (error) {
        if (isMissing(error)) return null
        throw error
      }
    },
  }
}
