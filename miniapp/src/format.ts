// Hand-rolled formatting: the weapp runtime's Intl support varies by device, and these strings must read the same
// on every phone. One style per context, for every shopper page:
// - counts and balances (points, growth, coupons): `groupThousands`, with `signedThousands` for a change;
// - money: `yuanFromFen`, always ¥ with two decimals (prices, payments, amounts in sentences);
// - a face value (a coupon's or a benefit's "满 50 减 5", "¥10" on a tile): `faceYuan`, whole yuan without decimals;
// - list rows and timestamps: `shanghaiDateTime` (2026-11-02 23:59); month headings: `shanghaiMonth`;
// - a day in a sentence or on a detail line: `chineseDate` for a business day, `chineseDateOf` for an instant
//   (2026年11月2日).

import { chineseDate } from '@mc/shared'

/** 1280 → "1,280"; negative numbers keep their sign ("-80"). */
export function groupThousands(value: number): string {
  const whole = Math.trunc(value)
  const digits = String(Math.abs(whole)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return whole < 0 ? `-${digits}` : digits
}

/** A signed change: +1,188, -80, 0. */
export function signedThousands(value: number): string {
  return Math.trunc(value) > 0 ? `+${groupThousands(value)}` : groupThousands(value)
}

/** A face value in yuan without the ¥: 500 → "5", 120000 → "1,200", 990 → "9.90" (decimals only when there are fen). */
export function faceYuan(fen: number): string {
  const total = Math.max(0, Math.round(fen))
  const cents = total % 100
  const yuan = groupThousands(Math.floor(total / 100))
  return cents === 0 ? yuan : `${yuan}.${String(cents).padStart(2, '0')}`
}

/** Integer fen as money, always with two decimals: 20000 → "¥200.00", 8650 → "¥86.50", 120000 → "¥1,200.00". */
export function yuanFromFen(fen: number): string {
  const total = Math.max(0, Math.round(fen))
  return `¥${groupThousands(Math.floor(total / 100))}.${String(total % 100).padStart(2, '0')}`
}

/**
 * Yuan typed by a person ("12", "12.5", " 9.90 ") as integer fen; null for anything else: empty, a sign, more
 * than two decimals, or more than `maxWholeDigits` digits before the point.
 */
export function fenFromYuanText(text: string, maxWholeDigits: number): number | null {
  const match = new RegExp(`^(\\d{1,${maxWholeDigits}})(?:\\.(\\d{1,2}))?$`).exec(text.trim())
  if (!match) return null
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'))
}

/** A business day "2027-11-23" as "2027年11月23日" (in shared: the BFF's messages say dates the same way). */
export { chineseDate }

// China has kept UTC+8 without daylight saving since 1991, so a fixed offset gives Asia/Shanghai wall-clock time
// without relying on the device's Intl data or its own time zone.
const shanghaiOffsetMs = 8 * 3_600_000

const pad2 = (n: number) => String(n).padStart(2, '0')

/** An ISO instant's date and time in Asia/Shanghai, or null when `iso` is not a timestamp. */
function shanghaiClock(iso: string): { year: number; month: number; day: number; hour: number; minute: number } | null {
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return null
  const wall = new Date(ms + shanghaiOffsetMs)
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
  }
}

/** "2026-11-02T15:59:27Z" → "2026-11-02 23:59" (Asia/Shanghai); anything else is returned unchanged. */
export function shanghaiDateTime(iso: string): string {
  const t = shanghaiClock(iso)
  if (!t) return iso
  return `${t.year}-${pad2(t.month)}-${pad2(t.day)} ${pad2(t.hour)}:${pad2(t.minute)}`
}

/** The calendar day of an ISO instant in Asia/Shanghai as "YYYY-MM-DD"; anything else is returned unchanged. */
export function shanghaiDay(iso: string): string {
  const t = shanghaiClock(iso)
  return t ? `${t.year}-${pad2(t.month)}-${pad2(t.day)}` : iso
}

/** The Shanghai day of an ISO instant in a sentence: "2026-11-02T15:59:27Z" → "2026年11月2日"; else unchanged. */
export function chineseDateOf(iso: string): string {
  return chineseDate(shanghaiDay(iso))
}

/** "2026-11-02T15:59:27Z" → "2026年11月" (Asia/Shanghai), the heading over a month of history. */
export function shanghaiMonth(iso: string): string {
  const t = shanghaiClock(iso)
  return t ? `${t.year}年${t.month}月` : iso
}
