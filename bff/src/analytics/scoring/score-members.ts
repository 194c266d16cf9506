import { addDays, businessDayStart, type InsightSettings } from '@mc/shared'
import type { Kysely, Transaction } from 'kysely'
import { roomForAggregates } from '../../db/long-statements'
import type { Database } from '../../db/schema'
import type { PublishedProgram } from '../../program/published-program'
import { daySql } from './day-sql'
import { writeCategoryTags } from './write-category-tags'
import { writeComparisons } from './write-comparisons'
import { writeMemberInsights } from './write-member-insights'
import { writeOutletCohorts, writeSegments } from './write-segments'

/** What a scoring run did: the day scored, members scored, category tags written, and how long it took. */
export interface ScoringSummary {
  day: string
  members: number
  categoryTags: number
  ms: number
}

/**
 * The nightly scoring of business day `day` (the completed day the snapshot job just built): every member's RFM
 * scores and group, lifecycle, CLV and 30/90-day orders (`member_insights`), the category tags, and day `day`'s
 * segment, benefit-reach and comparison snapshots, then the stores' join cohorts. Every step is one set-based
 * statement over all members (no per-member round trip), so a million members cost seconds, not hours.
 *
 * One transaction (the caller's when given one), so readers never see half a night's scores and a killed run
 * leaves yesterday's. Scores describe "now": run it for the latest day only, never in a backfill of older days.
 */
export async function scoreMembers(
  db: Kysely<Database>,
  day: string,
  settings: InsightSettings,
  program: PublishedProgram,
  options: { now?: Date } = {},
): Promise<ScoringSummary> {
  const started = performance.now()
  const now = options.now ?? new Date()
  const calendar = program.rules.calendar
  const run = async (trx: Kysely<Database>) => {
    await roomForAggregates(trx)
    const days = daySql(trx, calendar, day)
    const members = await writeMemberInsights(trx, { day, settings, days, calendar })
    const categoryTags = await writeCategoryTags(trx, { day, settings, now })
    await writeSegments(trx, day)
    const joinedBefore = businessDayStart(addDays(day, -59), calendar).toISOString()
    const dayEnd = businessDayStart(addDays(day, 1), calendar).toISOString()
    await writeComparisons(trx, { day, rules: program.rules, joinedBefore, dayEnd })
    await writeOutletCohorts(trx, day, days)
    return { members, categoryTags }
  }
  const counts = db.isTransaction
    ? await run(db)
    : await db.transaction().execute((trx: Transaction<Database>) => run(trx))
  return { day, ...counts, ms: Math.round(performance.now() - started) }
}
