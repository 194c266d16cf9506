import { z } from 'zod'

/**
 * `limit` of a list query: written in decimal digits only. `z.coerce.number()` took whatever `Number()` takes, so
 * `0x10`, `1e1`, ` 16` and `16.0` all read as a page size; a query string is text, and only plain digits are a number.
 */
export function pageLimit(max: number, fallback: number) {
  return z
    .string()
    .regex(/^[0-9]{1,4}$/, { error: `limit 应为 1–${max} 的整数 / limit must be decimal digits` })
    .transform(Number)
    .pipe(z.number().int().min(1).max(max))
    .optional()
    .transform((limit) => limit ?? fallback)
}

/**
 * `cursor` of a list read newest first by id: the last id of the previous page, so it has that id's shape (the
 * table's three-letter prefix and 26 characters of `newId`). Anything else is refused before it reaches a query.
 */
export function pageCursor(prefix: string) {
  if (!/^[a-z]{3}$/.test(prefix)) throw new Error(`pageCursor: a prefix is three lower-case letters, got ${prefix}`)
  return z
    .string()
    .regex(new RegExp(`^${prefix}_[0-9A-Z]{26}$`), { error: '无效的分页游标 / invalid cursor' })
    .optional()
}
