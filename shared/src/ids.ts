const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ' // Crockford base32: sortable, no I/L/O/U.

/**
 * A time-ordered id such as `mbr_01JD3…`: 10 characters of milliseconds then 16 random ones (80 bits), so ids
 * sort by creation time and index well as primary keys on both SQLite and PostgreSQL.
 */
export function newId(prefix: string, nowMs: number = Date.now()): string {
  let time = ''
  let ms = nowMs
  for (let i = 0; i < 10; i += 1) {
    time = alphabet[ms % 32] + time
    ms = Math.floor(ms / 32)
  }
  const bytes = new Uint8Array(16)
  globalThis.crypto.getRandomValues(bytes)
  let random = ''
  for (const byte of bytes) random += alphabet[byte % 32]
  return `${prefix}_${time}${random}`
}
