/**
 * `YYYY-MM-DD` days to and from day numbers (days since 1970-01-01) by integer arithmetic on the proleptic
 * Gregorian calendar (H. Hinnant's days_from_civil / civil_from_days), instead of `Date.parse` and `toISOString`,
 * which the calendar ran several times per request. Same answers as the Date round trip for years 0000–9999
 * (civil-days.test.ts checks that); the callers keep the Date path for any other year, where `toISOString`
 * writes six-digit years.
 */

const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/

/** The day number of a valid `YYYY-MM-DD` day, or null when the text is not one (bad shape, 02-30, month 13). */
export function dayNumberOf(day: string): number | null {
  const match = dayPattern.exec(day)
  if (!match) return null
  const year = +match[1]
  const month = +match[2]
  const date = +match[3]
  if (month < 1 || month > 12 || date < 1 || date > daysInMonth(year, month)) return null
  return daysFromCivil(year, month, date)
}

/** The `YYYY-MM-DD` text of a day number, or null when its year is outside 0000–9999. */
export function dayTextOf(dayNumber: number): string | null {
  const z = dayNumber + 719_468
  const era = Math.floor(z / 146_097)
  const dayOfEra = z - era * 146_097
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  )
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100))
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153)
  const date = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
  if (!(year >= 0 && year <= 9999)) return null
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(date, 2)}`
}

function daysFromCivil(year: number, month: number, date: number): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yearOfEra = y - era * 400
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + date - 1
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear
  return era * 146_097 + dayOfEra - 719_468
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0')
}
