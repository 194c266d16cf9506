import { addDays, AppError, daysBetween, isBusinessDay, maxReportRangeDays, type ReportQuery } from '@mc/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'

/** The days a report covers, after defaults, and what the snapshots hold. */
export interface ReportRange {
  /** Inclusive business days of the answer. */
  from: string
  to: string
  /** The latest snapshot day within the range: the day "now" figures (liability, tiers today) are read from. */
  asOf: string
  /** The first and latest snapshot days there are. */
  dataFrom: string
  dataTo: string
  /** Snapshot days inside the range; fewer than the range's days means gaps. */
  daysWithData: number
  /** No snapshot exists at all yet: the answer is a notice, not an error. */
  empty: boolean
}

export const noDataNotice = '还没有统计数据：夜间统计首次运行后即可查看'

/**
 * Resolves a report's range against the snapshots: `to` defaults to the latest snapshot day and `from` to the 29
 * days before it. A range backwards, longer than a year and a day, or with no snapshot inside it is a 400; before
 * the nightly job first ran there is nothing to be outside of, so the answer is empty with a notice instead.
 * `yesterday` stands in for the latest snapshot day then, so the range still reads as dates.
 */
export async function resolveReportRange(
  db: Kysely<Database>,
  query: Pick<ReportQuery, 'from' | 'to'>,
  yesterday: string,
): Promise<ReportRange> {
  for (const day of [query.from, query.to]) {
    if (day !== undefined && !isBusinessDay(day)) {
      throw new AppError('INVALID_REQUEST', {
        issues: [{ path: day === query.from ? 'from' : 'to', message: '日期无效' }],
      })
    }
  }
  const bounds = await db
    .selectFrom('snapshot_days')
    .select((eb) => [eb.fn.min('business_day').as('first'), eb.fn.max('business_day').as('last')])
    .executeTakeFirst()
  const dataFrom = bounds?.first ?? null
  const dataTo = bounds?.last ?? null
  const to = query.to ?? (query.from !== undefined && dataTo !== null && query.from > dataTo ? query.from : dataTo)
  const resolvedTo = to ?? yesterday
  const from = query.from ?? addDays(resolvedTo, -(30 - 1))
  if (from > resolvedTo) throw new AppError('RANGE_BACKWARDS', { from, to: resolvedTo })
  const days = daysBetween(from, resolvedTo) + 1
  if (days > maxReportRangeDays) throw new AppError('RANGE_TOO_LONG', { days, maxDays: maxReportRangeDays })
  if (dataFrom === null || dataTo === null) {
    return {
      from,
      to: resolvedTo,
      asOf: resolvedTo,
      dataFrom: resolvedTo,
      dataTo: resolvedTo,
      daysWithData: 0,
      empty: true,
    }
  }
  if (resolvedTo > dataTo) throw new AppError('RANGE_OUTSIDE_DATA', { from, to: resolvedTo, dataFrom, dataTo })
  const inside = await db
    .selectFrom('snapshot_days')
    .where('business_day', '>=', from)
    .where('business_day', '<=', resolvedTo)
    .select((eb) => [eb.fn.max('business_day').as('last'), eb.fn.countAll().as('days')])
    .executeTakeFirst()
  if (!inside?.last) throw new AppError('RANGE_OUTSIDE_DATA', { from, to: resolvedTo, dataFrom, dataTo })
  return {
    from,
    to: resolvedTo,
    asOf: inside.last,
    dataFrom,
    dataTo,
    daysWithData: Number(inside.days),
    empty: false,
  }
}
