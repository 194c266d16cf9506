import { sql, type Kysely } from 'kysely'
import pino from 'pino'
import type { Database } from '../../src/db/schema'
import { runJourneys } from '../../src/jobs/run-journeys'
import { runOutbox, type OutboxPass } from '../../src/jobs/run-outbox'
import { countBy, countingAdapters } from './engagement-baselines'
import { makeDue, resetEngagement, undoDue, type DueSet } from './engagement-due'
import type { GenDialect } from './insights-dialect'
import type { QueryTime } from './insights-timing'
import type { EngagementTimed, StatementTotal } from './engagement-timing'

export const silentLogger = pino({ level: 'silent' })

/** The timed handle: the product's database plus its statement log (see `openEngagementDatabase`). */
export type Timed = Pick<EngagementTimed, 'db' | 'kind' | 'mark' | 'slowest' | 'statements' | 'byStatement'>

export interface JourneyRun {
  due: DueSet
  seconds: number
  result: unknown
  sends: Record<string, number>
  statements: number
  byStatement: StatementTotal[]
  slowest: QueryTime[]
}

/**
 * (l) One nightly journeys run, forced (the bench runs several on the same business day), with `n` members made
 * due first; what it wrote is counted, then removed and the due rows put back, so the next run starts the same.
 */
export async function timeJourneys(
  timed: Timed,
  g: GenDialect,
  members: number,
  n: number,
  today: string,
  now: Date,
): Promise<JourneyRun> {
  const { db } = timed
  const due = n > 0 ? await makeDue(db, g, members, n, today) : { due: 0, pointsExpiring: 0, birthday: 0, winBack: 0 }
  try {
    timed.mark()
    const started = performance.now()
    const result = await runJourneys({ db, logger: silentLogger }, now, 'bench', { force: true })
    const seconds = (performance.now() - started) / 1000
    const [statements, byStatement, slowest] = [timed.statements(), timed.byStatement(8), timed.slowest(5)]
    const sends = await countBy(db, 'engagement_sends', 'source_id', 'outcome')
    return { due, seconds, result, sends, statements, byStatement, slowest }
  } finally {
    await resetEngagement(db, timed.kind)
    if (n > 0) await undoDue(db)
  }
}

export interface DrainCall {
  seconds: number
  result: OutboxPass
  /** Rows handed to each provider in this call. */
  wechat: number
  sms: number
}

/**
 * (k) The outbox drain as the scheduler calls it, once a minute: `calls` calls one minute apart, each timed, with
 * in-bench providers counting what they were handed (each channel should get exactly its `perMinute`).
 */
export async function timeDrain(timed: Timed, from: Date, calls: number) {
  const { adapters, sent } = countingAdapters()
  const deps = { db: timed.db, clock: { now: () => from }, logger: silentLogger, outreach: adapters }
  const pending = await countBy(timed.db, 'outbox', 'channel', 'state')
  const runs: DrainCall[] = []
  for (let call = 0; call < calls; call += 1) {
    const before = { ...sent }
    const now = new Date(from.getTime() + call * 60_000)
    if (call === 0) timed.mark()
    const started = performance.now()
    const result = await runOutbox(deps, now)
    const seconds = (performance.now() - started) / 1000
    runs.push({ seconds, result, wechat: sent.wechat - before.wechat, sms: sent.sms - before.sms })
  }
  return { pending, runs, statements: timed.statements(), byStatement: timed.byStatement(6), slowest: timed.slowest(4) }
}

/** Statement counts the figures state beside their times. */
export async function rowCounts(db: Kysely<Database>) {
  const count = async (table: string) =>
    Number((await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(db)).rows[0].n)
  return {
    sends: await count('engagement_sends'),
    outbox: await count('outbox'),
    notifications: await count('notifications'),
    coupons: await count('coupons'),
  }
}
