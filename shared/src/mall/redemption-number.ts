const base32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ' // ids.ts's Crockford alphabet
const beijingOffsetMs = 8 * 3600_000 // China keeps UTC+8 all year.

/**
 * The order number shoppers and staff read out instead of `rdm_01J…`: 13 digits from the id alone, so it never
 * changes and needs no column. The Beijing date (YYMMDD), the second of that day (5 digits) and two digits of the
 * id's random part: two orders share a number only when placed in the same second with the same two digits.
 * Lookups stay by id and pickup code; this number is for reading. Anything not shaped like newId's ids is
 * returned unchanged.
 */
export function redemptionOrderNo(redemptionId: string): string {
  const match = /^[a-z]+_([0-9A-HJKMNP-TV-Z]{10})([0-9A-HJKMNP-TV-Z]{16})$/.exec(redemptionId)
  if (!match) return redemptionId
  const ms = [...match[1]].reduce((n, ch) => n * 32 + base32.indexOf(ch), 0)
  const beijing = new Date(ms + beijingOffsetMs)
  const pad = (n: number, width: number) => String(n).padStart(width, '0')
  const year = pad(beijing.getUTCFullYear() % 100, 2)
  const date = `${year}${pad(beijing.getUTCMonth() + 1, 2)}${pad(beijing.getUTCDate(), 2)}`
  const second = Math.floor((ms + beijingOffsetMs) / 1000) % 86_400
  const random = match[2].slice(-2)
  const tail = (base32.indexOf(random[0]) * 32 + base32.indexOf(random[1])) % 100
  return `${date}${pad(second, 5)}${pad(tail, 2)}`
}

/** An order number in groups of four for reading aloud: "2612 0455 8124 7". */
export function groupOrderNo(orderNo: string): string {
  return /^\d+$/.test(orderNo) ? orderNo.replace(/(\d{4})(?=\d)/g, '$1 ') : orderNo
}
