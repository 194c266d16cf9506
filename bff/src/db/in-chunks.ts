/**
 * Ids in slices small enough for one statement: SQLite refuses more than 32,766 bound parameters and PostgreSQL
 * more than 65,535, so an `in (…)` list takes at most `chunkIds` values. Many rows to insert go through
 * `bulkInsert`, which slices for itself.
 */
export const chunkIds = 1000

export function inChunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/** Runs `read` over the ids in slices and concatenates what each slice returned. */
export async function readInChunks<T>(ids: readonly string[], read: (slice: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = []
  for (const slice of inChunks(ids, chunkIds)) out.push(...(await read(slice)))
  return out
}
