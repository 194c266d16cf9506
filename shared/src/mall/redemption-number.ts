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

const encodeTime = (ms: number) => {
  let text = ''
  for (let i = 0; i < 10; i += 1) {
    text = base32[ms % 32] + text
    ms = Math.floor(ms / 32)
  }
  return text
}

/**
 * The ids an order number can come from, as an inclusive range to search: every id of the Beijing second the
 * number names. The caller keeps those whose `redemptionOrderNo` is the number (two digits of the random part
 * narrow it further). Null when the text is no 13-digit order number or names no real date and second.
 */
export function redemptionIdRange(orderNo: string, prefix = 'rdm'): { from: string; to: string } | null {
  const match = /^(\d{2})(\d{2})(\d{2})(\d{5})\d{2}$/.exec(orderNo)
  if (!match) return null
  const [year, month, day, second] = match.slice(1, 5).map(Number)
  const midnight = Date.UTC(2000 + year, month - 1, day)
  const date = new Date(midnight)
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || second >= 86_400) return null
  const start = midnight + second * 1000 - beijingOffsetMs
  return {
    from: `${prefix}_${encodeTime(start)}${'0'.repeat(16)}`,
    to: `${prefix}_${encodeTime(start + 999)}${'Z'.repeat(16)}`,
  }
}
