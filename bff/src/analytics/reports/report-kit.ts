import type {
  ColumnUnit,
  InsightSettings,
  ProgramRules,
  ReportAnswer,
  ReportFigure,
  ReportQuery,
  ReportTable,
} from '@mc/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import type { ReportRange } from './report-range'

/** Everything a report reads besides the snapshots: the range, the query, the rules and the settings. */
export interface ReportContext {
  db: Kysely<Database>
  range: ReportRange
  query: ReportQuery
  rules: ProgramRules
  settings: InsightSettings
  /** The store the answer is narrowed to (a store manager's own, or the one asked for); null for all. */
  outletId: string | null
}

/** The part of an answer a report computes; the range fields are added by the caller. */
export type ReportBody = Pick<ReportAnswer, 'notices' | 'figures' | 'comparisons' | 'tables' | 'links'>

/** PostgreSQL answers bigint and every SUM/COUNT as a string, SQLite as a number; null (no rows) is 0. */
export const num = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value))

/** A share in percent with one decimal, or null when there is nothing to share. */
export const percent = (part: number, whole: number): number | null =>
  whole > 0 ? Math.round((part / whole) * 1000) / 10 : null

export const column = (key: string, label: string, unit: ColumnUnit) => ({ key, label, unit })

/** A table; `insufficient` is set by the caller when the rows are too few to draw honestly. */
export function table(
  key: string,
  title: string,
  columns: ReportTable['columns'],
  rows: ReportTable['rows'],
  chart: ReportTable['chart'],
  insufficient: string | null = null,
): ReportTable {
  return {
    key,
    title,
    columns,
    rows,
    chart,
    insufficient: insufficient ?? (rows.length === 0 ? '所选范围内没有数据' : null),
  }
}

export function figure(
  key: string,
  label: string,
  value: number | null,
  unit: ColumnUnit,
  hint: string | null = null,
  tone: ReportFigure['tone'] = 'normal',
): ReportFigure {
  return { key, label, value, unit, hint, tone }
}

/** The program's tiers lowest first, with their names; the columns of every per-tier table. */
export const tierColumns = (rules: ProgramRules, only?: string) =>
  rules.tiers.filter((t) => only === undefined || t.key === only).map((t) => column(t.key, t.name, 'count'))

export const tierName = (rules: ProgramRules, key: string): string =>
  key === '' ? '新入会' : (rules.tiers.find((t) => t.key === key)?.name ?? key)

/** Business-day month of a day: the monthly tables' x axis. */
export const monthOf = (day: string) => day.slice(0, 7)

/** Fen from points at the merchant's point value (fen per 100 points), rounded to the fen. */
export const pointsToFen = (points: number, settings: InsightSettings) =>
  Math.round((points * settings.pointValueFenPer100) / 100)

/**
 * Rows keyed by day, month or segment from (row, column, value) entries: values of the same cell are summed, and
 * every column of `columnKeys` is 0 where no entry fell, so a chart never meets a hole.
 */
export function pivot(
  entries: { row: string; column: string; value: number }[],
  rowKey: string,
  columnKeys: string[],
  rowOrder: string[] = [],
): Record<string, string | number>[] {
  const rows = new Map<string, Record<string, string | number>>()
  const blank = (key: string) => Object.fromEntries([[rowKey, key], ...columnKeys.map((c) => [c, 0])])
  for (const key of rowOrder) rows.set(key, blank(key))
  for (const e of entries) {
    const row = rows.get(e.row) ?? blank(e.row)
    row[e.column] = num(row[e.column]) + e.value
    rows.set(e.row, row)
  }
  return [...rows.values()]
}

/**
 * The latest day up to the range's end that a nightly-only table has rows for (scores, reach and comparisons are
 * written by the nightly scoring, never by a backfill of old days); null when it has none yet.
 */
export async function latestScoredDay(
  ctx: Pick<ReportContext, 'db' | 'range'>,
  tableName: 'snapshot_segments' | 'snapshot_benefit_reach' | 'snapshot_comparisons',
): Promise<string | null> {
  const row = await ctx.db
    .selectFrom(tableName)
    .select((eb) => eb.fn.max('business_day').as('day'))
    .where('business_day', '<=', ctx.range.to)
    .executeTakeFirst()
  return row?.day ?? null
}
