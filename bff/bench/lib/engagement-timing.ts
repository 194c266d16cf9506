import type { LogEvent } from 'kysely'
import type { InsightsTarget } from './insights-load'
import { openLoggedDatabase, type QueryTime } from './insights-timing'

/** One statement shape (its SQL text, parameters aside): how often it ran and the database time it took in all. */
export interface StatementTotal {
  sql: string
  count: number
  totalMs: number
}

/**
 * The database exactly as `openDatabase` opens it (same pragmas, pool and dialect), with Kysely's query log kept
 * per statement shape, so a figure can say which statements its time went to and how many ran per member:
 * `mark()` starts a stretch, `byStatement(n)` gives its n costliest shapes, `slowest(n)` its n slowest executions.
 */
export function openEngagementDatabase(target: InsightsTarget) {
  let totals = new Map<string, StatementTotal>()
  let slow: QueryTime[] = []
  let statements = 0
  const log = (event: LogEvent) => {
    const text = event.query.sql
      .replace(/\s+/g, ' ')
      .replace(/(\?, )+\?/g, '?…')
      .replace(/(\$\d+, )+\$\d+/g, '$…')
    const ms = event.queryDurationMillis
    statements += 1
    const total = totals.get(text) ?? { sql: text, count: 0, totalMs: 0 }
    total.count += 1
    total.totalMs += ms
    totals.set(text, total)
    if (ms >= 20 && slow.length < 2000)
      slow.push({ ms, sql: text.slice(0, 400), parameters: event.query.parameters.slice(0, 8) })
  }
  const { db, kind } = openLoggedDatabase(target, log)
  return {
    db,
    kind,
    mark: () => {
      totals = new Map()
      slow = []
      statements = 0
    },
    statements: () => statements,
    byStatement: (n: number): StatementTotal[] =>
      [...totals.values()]
        .sort((a, b) => b.totalMs - a.totalMs)
        .slice(0, n)
        .map((t) => ({ sql: t.sql.slice(0, 400), count: t.count, totalMs: Math.round(t.totalMs) })),
    slowest: (n: number, minMs = 20): QueryTime[] =>
      [...slow]
        .sort((a, b) => b.ms - a.ms)
        .filter((q) => q.ms >= minMs)
        .slice(0, n)
        .map((q) => ({ ...q, ms: Math.round(q.ms) })),
    close: () => db.destroy(),
  }
}

export type EngagementTimed = ReturnType<typeof openEngagementDatabase>
