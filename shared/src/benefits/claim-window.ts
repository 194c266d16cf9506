import { addDays, type BusinessDay } from '../calendar/business-day'
import type { BenefitGrant } from './benefit-library'

/**
 * Whether a claimable benefit can be claimed on a business day, and under which period key. A member claims a
 * benefit at most once per key (the database's unique constraint enforces it), so the key *is* the period:
 * `2026-11` (month), `2026-Q4`, `2026`, `once`, `birthday-2026`, `season-2026`. Days are the merchant's business
 * days, so a 02:00 claim in a shop whose day starts at 04:00 still belongs to the day, month and year before.
 */
export type ClaimWindow =
  | {
      open: true
      periodKey: string
      /** Last business day of this period; null for a once-only grant. */
      endsOn: BusinessDay | null
      /** First business day of the next period; null when there is none (once-only). */
      nextStartsOn: BusinessDay | null
    }
  | {
      open: false
      /** The code a claim gets today. */
      reason: 'BIRTHDAY_UNKNOWN' | 'NOT_BIRTHDAY_MONTH' | 'BENEFIT_NOT_IN_SEASON'
      nextStartsOn: BusinessDay | null
    }

export function claimWindow(
  grant: Pick<BenefitGrant, 'period' | 'season'>,
  today: BusinessDay,
  birthday: string | null,
): ClaimWindow {
  const year = Number(today.slice(0, 4))
  const month = Number(today.slice(5, 7))
  switch (grant.period) {
    case 'month':
      return {
        open: true,
        periodKey: today.slice(0, 7),
        endsOn: addDays(firstOfMonth(year, month + 1), -1),
        nextStartsOn: firstOfMonth(year, month + 1),
      }
    case 'quarter': {
      const quarter = Math.ceil(month / 3)
      const next = firstOfMonth(year, quarter * 3 + 1)
      return { open: true, periodKey: `${year}-Q${quarter}`, endsOn: addDays(next, -1), nextStartsOn: next }
    }
    case 'year':
      return { open: true, periodKey: String(year), endsOn: `${year}-12-31`, nextStartsOn: `${year + 1}-01-01` }
    case 'once':
      return { open: true, periodKey: 'once', endsOn: null, nextStartsOn: null }
    case 'birthday_month':
      return birthdayWindow(today, birthday)
    case 'season':
      return seasonWindow(today, grant.season)
  }
}

function birthdayWindow(today: BusinessDay, birthday: string | null): ClaimWindow {
  if (!birthday || !/^\d{4}-(0[1-9]|1[0-2])-\d{2}$/.test(birthday))
    return { open: false, reason: 'BIRTHDAY_UNKNOWN', nextStartsOn: null }
  const year = Number(today.slice(0, 4))
  const month = Number(today.slice(5, 7))
  const birthdayMonth = Number(birthday.slice(5, 7))
  if (month === birthdayMonth) {
    return {
      open: true,
      periodKey: `birthday-${year}`,
      endsOn: addDays(firstOfMonth(year, month + 1), -1),
      nextStartsOn: firstOfMonth(year + 1, birthdayMonth),
    }
  }
  const nextYear = month < birthdayMonth ? year : year + 1
  return { open: false, reason: 'NOT_BIRTHDAY_MONTH', nextStartsOn: firstOfMonth(nextYear, birthdayMonth) }
}

/**
 * A season runs from `startsOn` to `endsOn` (MM-DD, both included) every year. A season may wrap the year end
 * (11-15 to 02-15); it is then keyed by the year it started in, so January belongs to the season begun in November.
 */
function seasonWindow(today: BusinessDay, season: BenefitGrant['season']): ClaimWindow {
  if (!season) return { open: false, reason: 'BENEFIT_NOT_IN_SEASON', nextStartsOn: null }
  const year = Number(today.slice(0, 4))
  const monthDay = today.slice(5)
  const wraps = season.startsOn > season.endsOn
  const startYear = !wraps ? year : monthDay >= season.startsOn ? year : monthDay <= season.endsOn ? year - 1 : year
  const startsOn = onDate(startYear, season.startsOn)
  const endsOn = onDate(wraps ? startYear + 1 : startYear, season.endsOn)
  if (today >= startsOn && today <= endsOn) {
    return {
      open: true,
      periodKey: `season-${startYear}`,
      endsOn,
      nextStartsOn: onDate(startYear + 1, season.startsOn),
    }
  }
  return {
    open: false,
    reason: 'BENEFIT_NOT_IN_SEASON',
    nextStartsOn: onDate(today < startsOn ? startYear : startYear + 1, season.startsOn),
  }
}

/** The first day of a month; month 13 is January of the next year. */
function firstOfMonth(year: number, month: number): BusinessDay {
  const y = year + Math.floor((month - 1) / 12)
  const m = ((month - 1) % 12) + 1
  return `${y}-${String(m).padStart(2, '0')}-01`
}

/** MM-DD in a year; 02-29 falls back to 02-28 outside leap years, so a season never names a day that does not exist. */
function onDate(year: number, monthDay: string): BusinessDay {
  const month = Number(monthDay.slice(0, 2))
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate()
  const day = Math.min(Number(monthDay.slice(3)), lastDay)
  return `${year}-${monthDay.slice(0, 2)}-${String(day).padStart(2, '0')}`
}
