import {
  addDays,
  AppError,
  attachmentDisposition,
  businessDayOf,
  csvOfTable,
  reportTitles,
  type ReportAnswer,
  type ReportKey,
  type ReportQuery,
} from '@mc/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { publishedProgram } from '../../program/published-program'
import { readInsightSettings } from '../insight-settings'
import { benefitEffectReport } from './benefit-effect'
import { pointsEconomyReport } from './points-economy'
import type { ReportBody, ReportContext } from './report-kit'
import { noDataNotice, resolveReportRange } from './report-range'
import { rfmReport } from './rfm'
import { signInReport } from './sign-in'
import { storeFunnelReport } from './store-funnel'
import { tagsReport } from './tags'
import { tierHealthReport } from './tier-health'

const builders: Record<ReportKey, (ctx: ReportContext) => Promise<ReportBody>> = {
  'tier-health': tierHealthReport,
  'points-economy': pointsEconomyReport,
  'benefit-effect': benefitEffectReport,
  'store-funnel': storeFunnelReport,
  'sign-in': signInReport,
  rfm: rfmReport,
  tags: tagsReport,
}

/**
 * One report over a range of snapshot days. Reports read only the per-day snapshot tables (a year is at most a few
 * thousand small rows), never the ledgers. `outletId` is the store the caller is narrowed to (already checked).
 */
export async function insightReport(
  db: Kysely<Database>,
  key: ReportKey,
  query: ReportQuery,
  opts: { now: Date; outletId: string | null },
): Promise<ReportAnswer> {
  const [{ rules }, settings] = await Promise.all([publishedProgram(db), readInsightSettings(db)])
  const yesterday = addDays(businessDayOf(opts.now, rules.calendar), -1)
  const range = await resolveReportRange(db, query, yesterday)
  const head = {
    report: key,
    title: reportTitles[key],
    from: range.from,
    to: range.to,
    asOf: range.asOf,
    dataFrom: range.dataFrom,
    dataTo: range.dataTo,
  }
  if (range.empty) {
    return {
      ...head,
      notices: [{ tone: 'info', text: noDataNotice }],
      figures: [],
      comparisons: [],
      tables: [],
      links: [],
    }
  }
  const body = await builders[key]({ db, range, query, rules, settings, outletId: opts.outletId })
  const days = Math.round((Date.parse(range.to) - Date.parse(range.from)) / 86_400_000) + 1
  const gaps =
    range.daysWithData < days
      ? [{ tone: 'warning' as const, text: `所选 ${days} 天中有 ${days - range.daysWithData} 天没有统计数据` }]
      : []
  return { ...head, ...body, notices: [...gaps, ...body.notices] }
}

/** One table of a report as a CSV download: its bytes and the `Content-Disposition` naming the file. */
export async function insightReportCsv(
  db: Kysely<Database>,
  key: ReportKey,
  query: ReportQuery & { table: string },
  opts: { now: Date; outletId: string | null },
): Promise<{ csv: string; disposition: string }> {
  const { table: tableKey, ...reportQuery } = query
  const answer = await insightReport(db, key, reportQuery, opts)
  const table = answer.tables.find((t) => t.key === tableKey)
  // Before the first snapshot the report has no tables; an empty sheet with no header would only confuse.
  if (!table) throw new AppError('NOT_FOUND', { table: tableKey })
  const range = `${answer.from}_${answer.to}`
  return {
    csv: csvOfTable(table),
    disposition: attachmentDisposition(
      `${key}-${table.key}-${range}.csv`,
      `${answer.title}-${table.title}-${range}.csv`,
    ),
  }
}
