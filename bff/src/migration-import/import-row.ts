import {
  addDays,
  businessDayOf,
  businessDayStart,
  growthCountsUntil,
  isBusinessDay,
  PhoneNumber,
  pointsExpiresAt,
  type ProgramRules,
} from '@mc/shared'
import { legacyIdentityKey, type IdentityHasher, type IdentityKind } from './identity-key'

/** The CSV columns an import file may have, by header name; any order, unknown names are refused. */
export const importColumns = ['phone', 'openid', 'name', 'birthday', 'growth', 'points', 'points_expires_on'] as const
export type ImportColumn = (typeof importColumns)[number]

/** One row as the merchant wrote it: column → text (a missing column reads as empty). */
export type RawRow = Partial<Record<ImportColumn, string>>

/** A row that passed every check: who the member is and their opening balances. */
export interface ImportRow {
  phone: string | null
  openid: string | null
  nickname: string
  birthday: string | null
  growth: number
  points: number
  /** The day as given; part of what a re-run must repeat to count as the same row. */
  pointsExpiresOn: string | null
  /** When the opening points lot lapses (ISO), or null for never. */
  pointsExpiresAt: string | null
  /**
   * A reason that refuses the row only if it was not imported before: an expiry day that has passed since the
   * first run must not turn a re-run of the same file into rejects.
   */
  refusedIfNew: string | null
  /** The phone's keyed hash when there is a phone, else the openid's: names the row's ledger idempotency keys. */
  identityKey: string
  /** Every identity the row names, as keyed hashes; a re-run is recognised by any of them. */
  identityKeys: string[]
  /** The plain keys imports wrote before keys were hashed, only looked up so a re-run of an old file is known. */
  legacyKeys: string[]
}

/** The opening numbers a re-run must match exactly to count as already imported, named as the CSV names them. */
export const openingOf = (row: ImportRow) => ({
  growth: row.growth,
  points: row.points,
  points_expires_on: row.pointsExpiresOn,
})

/** The import time and what follows from it under the rules; every row of one import shares it. */
export interface ImportTime {
  now: Date
  rules: ProgramRules
  /** The business day of `now`: the day entries and tier changes are booked on. */
  today: string
  /** When opening growth leaves the counting window (ISO). */
  growthExpiresAt: string
  /** When opening points lapse under the program's policy (ISO), or null for never. */
  defaultPointsExpiresAt: string | null
  /** When the business day after `day` starts: the end of a lot that lapses "on" `day`. */
  endOf(day: string): Date
  /** The keyed hash an identity is remembered under (see identity-key.ts). */
  identityKey: IdentityHasher
}

/** Works the calendar out once per import rather than per row, because time-zone maths is the costly part of a row. */
export function importTime(now: Date, rules: ProgramRules, identityKey: IdentityHasher): ImportTime {
  const ends = new Map<string, Date>()
  return {
    now,
    rules,
    identityKey,
    today: businessDayOf(now, rules.calendar),
    growthExpiresAt: growthCountsUntil(rules, now).toISOString(),
    defaultPointsExpiresAt: pointsExpiresAt(rules.points.expiry, now, rules.calendar)?.toISOString() ?? null,
    endOf(day) {
      let end = ends.get(day)
      if (!end) {
        end = businessDayStart(addDays(day, 1), rules.calendar)
        ends.set(day, end)
      }
      return end
    },
  }
}

// Far above any real balance, and far below PostgreSQL's 32-bit integer, so later earnings cannot overflow it.
const maxOpening = 100_000_000
const openidPattern = /^[A-Za-z0-9_-]{1,64}$/
// biome-ignore lint/suspicious/noControlCharactersInRegex: deliberate, CSV fields with control characters are refused
const controlCharacters = /[\u0000-\u001f\u007f]/

/**
 * Checks one row against the rules at the import time. Every problem is reported, each in Chinese then English,
 * because the merchant fixes the whole row at once from the rejects file.
 */
export function validateRow(raw: RawRow, time: ImportTime): { row: ImportRow } | { reason: string } {
  const text = (column: ImportColumn) => (raw[column] ?? '').trim()
  const problems: string[] = []
  const phone = text('phone') || null
  const openid = text('openid') || null
  if (!phone && !openid) problems.push('手机号和 openid 至少填一个 / phone or openid is required')
  if (phone && !PhoneNumber.safeParse(phone).success) problems.push('手机号格式不正确 / invalid phone')
  if (openid && !openidPattern.test(openid))
    problems.push('openid 格式不正确 / invalid openid (1–64 letters, digits, _ or -)')

  const name = text('name')
  if ([...name].length > 32) problems.push('昵称最多 32 个字 / name is longer than 32 characters')
  if (controlCharacters.test(name)) problems.push('昵称不能含换行等控制字符 / name contains control characters')

  const birthday = text('birthday') || null
  if (birthday && !isBusinessDay(birthday)) problems.push('生日格式应为 YYYY-MM-DD / birthday must be YYYY-MM-DD')
  else if (birthday && birthday < '1900-01-01') problems.push('生日早于 1900 年 / birthday is before 1900')
  else if (birthday && birthday > time.today) problems.push('生日不能晚于今天 / birthday is in the future')

  const growth = wholeNumber(text('growth'), '成长值', 'growth', problems)
  const points = wholeNumber(text('points'), '积分', 'points', problems)
  const pointsExpiresOn = text('points_expires_on') || null
  const expiry = pointsExpiry(pointsExpiresOn, time, problems)
  const lapsed = expiry.lapsed ? '积分过期日期已过 / points_expires_on is in the past' : null

  if (problems.length > 0) return { reason: [...problems, ...(lapsed ? [lapsed] : [])].join('；') }
  const identities: [IdentityKind, string][] = []
  if (phone) identities.push(['phone', phone])
  if (openid) identities.push(['openid', openid])
  const identityKeys = identities.map(([kind, value]) => time.identityKey(kind, value))
  return {
    row: {
      phone,
      openid,
      birthday,
      growth,
      points,
      pointsExpiresOn,
      pointsExpiresAt: expiry.expiresAt,
      refusedIfNew: lapsed,
      nickname: name || `会员${(phone ?? openid!).slice(-4)}`,
      identityKey: identityKeys[0],
      identityKeys,
      legacyKeys: identities.map(([kind, value]) => legacyIdentityKey(kind, value)),
    },
  }
}

function wholeNumber(value: string, zh: string, en: string, problems: string[]): number {
  if (value === '') return 0 // Exports leave a zero balance blank as often as they write 0.
  if (!/^\d+$/.test(value)) {
    problems.push(`${zh}必须是不小于 0 的整数 / ${en} must be a whole number ≥ 0`)
    return 0
  }
  const number = Number(value)
  if (number > maxOpening) problems.push(`${zh}不能超过 ${maxOpening} / ${en} must be at most ${maxOpening}`)
  return number
}

/**
 * Empty: the program's expiry policy, as if the points were earned now. A day: the lot lapses when the business
 * day after it starts, so the points are usable through that whole day; a day already over is refused, since
 * importing points that are dead on arrival would only show up as a surprise expiry.
 */
function pointsExpiry(
  day: string | null,
  time: ImportTime,
  problems: string[],
): { expiresAt: string | null; lapsed: boolean } {
  if (day === null) return { expiresAt: time.defaultPointsExpiresAt, lapsed: false }
  if (!isBusinessDay(day)) {
    problems.push('积分过期日期格式应为 YYYY-MM-DD / points_expires_on must be YYYY-MM-DD')
    return { expiresAt: null, lapsed: false }
  }
  const expiresAt = time.endOf(day)
  return { expiresAt: expiresAt.toISOString(), lapsed: expiresAt.getTime() <= time.now.getTime() }
}
