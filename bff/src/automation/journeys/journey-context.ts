import { addDays, businessDayOf, type CouponOffer, type EngagementSettings, type JourneyKey } from '@mc/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { readEngagementSettings } from '../../outreach/engagement-settings'
import { publishedProgram, type PublishedProgram } from '../../program/published-program'

/** What every due-finder reads: the live rules and settings, the instant of the run and its business day. */
export interface JourneyContext {
  program: PublishedProgram
  settings: EngagementSettings
  now: Date
  today: string
  /**
   * The first business day whose events this run must still look at: the day of the last finished run (events
   * after that run's hour), or yesterday on a first run, at most a week back. Finders that react to something
   * happening (growth earned, an order ageing into dormancy) read only this window, so their work follows what
   * happened rather than the size of the program.
   */
  since: string
  /**
   * The console's preview: judge the given members as if due, so each gets the values the copy would carry (a
   * member the rule would not pick still shows what their message would say).
   */
  preview?: boolean
}

/** One member a journey is due for, with the period that keys the send and the values of the copy's placeholders. */
export interface DueMember {
  memberId: string
  period: string
  values: Record<string, string>
  /** The win-back coupon, issued only when the decision is 'sent'. */
  coupon?: CouponOffer
  tierKey?: string
}

/**
 * A daily journey's due-finder, in two steps so a run can be cut into batches: `candidates` is one index-driven read
 * of the members worth looking at (sorted ids), `due` judges a batch of them exactly, in the batch's transaction.
 */
export interface DueFinder {
  key: Exclude<JourneyKey, 'upgrade' | 'downgraded'>
  candidates(db: Kysely<Database>, ctx: JourneyContext): Promise<string[]>
  due(db: Kysely<Database>, ctx: JourneyContext, memberIds: string[]): Promise<DueMember[]>
}

/** PostgreSQL answers SUM/COUNT as strings (bigint); SQLite as numbers. */
export const num = (value: unknown): number => Number(value ?? 0)

/** The context of a run (or a preview) at `now`: the live rules and settings; `since` yesterday unless given. */
export async function loadJourneyContext(
  db: Kysely<Database>,
  now: Date,
  options: { since?: (today: string) => Promise<string>; preview?: boolean } = {},
): Promise<JourneyContext> {
  const program = await publishedProgram(db)
  const today = businessDayOf(now, program.rules.calendar)
  const since = options.since ? await options.since(today) : addDays(today, -1)
  return { program, settings: await readEngagementSettings(db), now, today, since, preview: options.preview }
}
