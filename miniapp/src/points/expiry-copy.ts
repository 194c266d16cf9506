import { pointsExpiringSoonDays, type ExpiringLot, type ExpiringPoints } from '@mc/shared'
import { chineseDate, groupThousands, shanghaiDay } from '../format'

/** Points lapsing at the end of one day. */
export interface ExpiringDay {
  /** The last day the points can be used, YYYY-MM-DD in Asia/Shanghai. */
  day: string
  points: number
}

const dayMs = 86_400_000

/**
 * The last day on which points lapsing at `expiresAt` can still be used. The BFF sends the instant they lapse,
 * which is the start of the next day (2027-12-31T16:00Z is 2028-01-01 00:00 in Shanghai), so the day before.
 */
export function lastUsableDay(expiresAt: string): string {
  const ms = Date.parse(expiresAt)
  return Number.isNaN(ms) ? expiresAt : shanghaiDay(new Date(ms - 1).toISOString())
}

/** The lots merged per last usable day, soonest first. */
export function expiringDays(lots: readonly Pick<ExpiringLot, 'points' | 'expiresAt'>[]): ExpiringDay[] {
  const byDay = new Map<string, number>()
  for (const lot of lots) {
    const day = lastUsableDay(lot.expiresAt)
    byDay.set(day, (byDay.get(day) ?? 0) + lot.points)
  }
  return [...byDay].map(([day, points]) => ({ day, points })).sort((a, b) => (a.day < b.day ? -1 : 1))
}

/** 2027年12月31日 过期 600 积分 */
export function expiringDayText({ day, points }: ExpiringDay): string {
  return `${chineseDate(day)} 过期 ${groupThousands(points)} 积分`
}

/** Whole Shanghai days from `now` until the end of `day`: 0 when it is today. */
export function daysLeft(day: string, now: Date): number {
  const today = shanghaiDay(now.toISOString())
  return Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / dayMs)
}

/** 今天到期, 明天到期, 还剩 38 天. */
export function daysLeftText(days: number): string {
  if (days <= 0) return '今天到期'
  if (days === 1) return '明天到期'
  return `还剩 ${days} 天`
}

/**
 * The program's expiry rule in plain words, as far as the lots themselves show it. The member API does not send
 * the rule, but when every lot lapses at the end of a year the program clears points yearly (the common Chinese
 * "次年年底清零" rule: points earned in a year last until the end of the following year).
 */
export function expiryRuleText(days: readonly ExpiringDay[]): string {
  if (days.length > 0 && days.every(({ day }) => day.endsWith('-12-31'))) {
    return '积分按自然年度清零：每年获得的积分有效期至次年12月31日，到期未使用将自动失效。'
  }
  return '每笔积分都有各自的有效期，到期未使用的积分将自动失效，请在到期前使用。'
}

/** Whether a day's points lapse within the warning window (the days home counts as 即将过期). */
export function lapsesSoon(day: string, now: Date, warningDays = pointsExpiringSoonDays): boolean {
  return daysLeft(day, now) <= warningDays
}

/** The head of the expiring page: an alarm only for what lapses within the warning window, else a calm schedule. */
export interface ExpirySummary {
  alarm: boolean
  label: string
  /** The points the label speaks of: those lapsing within the window, or else all that are scheduled. */
  total: number
  note: string
}

export function expirySummary(
  days: readonly ExpiringDay[],
  now: Date,
  warningDays = pointsExpiringSoonDays,
): ExpirySummary {
  const soon = days.filter(({ day }) => lapsesSoon(day, now, warningDays))
  const sum = (list: readonly ExpiringDay[]) => list.reduce((total, { points }) => total + points, 0)
  if (days.length === 0) return { alarm: false, label: '即将过期积分', total: 0, note: '您的积分暂无到期安排' }
  const [first] = days
  if (soon.length === 0) {
    const left = daysLeftText(daysLeft(first.day, now))
    return {
      alarm: false,
      label: '积分到期安排',
      total: sum(days),
      note: `${warningDays} 天内没有积分过期；最近一批将于 ${chineseDate(first.day)} 到期，${left}`,
    }
  }
  const note =
    soon.length === 1
      ? `将于 ${chineseDate(first.day)} 到期，请及时使用`
      : `最近一批 ${groupThousands(first.points)} 积分将于 ${chineseDate(first.day)} 到期，请及时使用`
  return { alarm: true, label: `${warningDays} 天内将过期积分`, total: sum(soon), note }
}

/** The other rule the member should know: spending takes the points that lapse first. */
export const spendOrderText = '使用积分时，系统优先扣减最早过期的积分。'

/** The lots a member can act on: those offered an extension and those already extended, soonest first. */
export function extensionLots(lots: ExpiringPoints['lots']): ExpiringPoints['lots'] {
  return lots.filter((lot) => lot.extension !== null || lot.extendedFrom !== null)
}

/** The button of an extendable lot: what it costs and the day the points then last until. */
export function extensionButtonText(extension: { costPoints: number; expiresAtAfter: string }): string {
  return `花 ${groupThousands(extension.costPoints)} 积分延期至 ${chineseDate(lastUsableDay(extension.expiresAtAfter))}`
}

/** The question asked before points are spent on an extension. */
export function extensionConfirmText(
  lot: { points: number },
  extension: { costPoints: number; expiresAtAfter: string },
) {
  return (
    `将花费 ${groupThousands(extension.costPoints)} 积分，这笔 ${groupThousands(lot.points)} 积分的有效期延至 ` +
    `${chineseDate(lastUsableDay(extension.expiresAtAfter))}。每笔积分只能延期一次。`
  )
}

/** Said of a lot already extended: the day it used to lapse. */
export function extendedFromText(extendedFrom: string): string {
  return `已延期 · 原 ${chineseDate(lastUsableDay(extendedFrom))} 到期`
}
