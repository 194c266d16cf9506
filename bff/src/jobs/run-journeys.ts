import { addDays } from '@mc/shared'
import type { Kysely } from 'kysely'
import { loadJourneyContext, type DueFinder, type JourneyContext } from '../automation/journeys/journey-context'
import { dueFinders } from '../automation/journeys/due-finders'
import { winBackCouponValues } from '../automation/journeys/win-back-coupon'
import { claimCouponBatch } from '../benefits/issue-coupon-batch'
import type { Database } from '../db/schema'
import type { Deps } from '../deps'
import { sendJourneyMessages } from '../outreach/send-journey-messages'
import type { JourneyOutcome } from '../outreach/send-journey-messages'
import { acquireLease, releaseLease } from './job-lease'
import { jobRanFor, jobRunFinished, jobRunStarted } from './job-runs'

/** Per journey: members found due and what was decided for them this run (repeats of a period decide nothing). */
export type JourneyCounts = Record<string, { due: number; sent: number; holdout: number; capped: number }>

export type JourneysResult =
  | { ran: true; businessDay: string; journeys: JourneyCounts }
  | { ran: false; businessDay: string; reason: 'already_ran_today' | 'lease_held_elsewhere' }

const job = 'journeys'
const leaseMs = 10 * 60_000

export interface RunJourneysOptions {
  force?: boolean
  batchSize?: number
  /**
   * Test seam: called once per decision inside its batch's open transaction, after the batch's writes (a kill there
   * loses the batch).
   */
  afterDecision?: () => void
}

/**
 * The daily journeys (retention risk, points expiring, win-back, near next tier, birthday), once per business day
 * under the 'journeys' lease. Each journey's due-finder reads its candidates by index, then they are judged and sent
 * `batchSize` at a time, one transaction per batch. A run killed anywhere is simply run again: the batches that
 * committed hold their decision rows, whose unique dedupe key makes their members decide nothing the second time.
 */
export async function runJourneys(
  deps: Pick<Deps, 'db' | 'logger'>,
  now: Date,
  holder: string,
  options: RunJourneysOptions = {},
): Promise<JourneysResult> {
  const { db } = deps
  const ctx = await loadJourneyContext(db, now, { since: (today) => windowStart(db, today) })
  const { today } = ctx
  if ((await jobRanFor(db, job, today)) && !options.force)
    return { ran: false, businessDay: today, reason: 'already_ran_today' }
  if (!(await acquireLease(db, job, holder, now, leaseMs)))
    return { ran: false, businessDay: today, reason: 'lease_held_elsewhere' }
  try {
    await jobRunStarted(db, job, today, now)
    const startedMs = performance.now()
    const renew = () => acquireLease(db, job, holder, new Date(now.getTime() + performance.now() - startedMs), leaseMs)
    const journeys: JourneyCounts = {}
    for (const finder of dueFinders) {
      if (!ctx.settings.journeys[finder.key].enabled) continue
      const counts = { due: 0, sent: 0, holdout: 0, capped: 0 }
      journeys[finder.key] = counts
      const candidates = await finder.candidates(db, ctx)
      for (let i = 0; i < candidates.length; i += options.batchSize ?? 500) {
        if (!(await renew())) return { ran: false, businessDay: today, reason: 'lease_held_elsewhere' }
        const batch = candidates.slice(i, i + (options.batchSize ?? 500))
        const outcomes = await sendBatch(db, ctx, finder, batch, options.afterDecision)
        counts.due += outcomes.length
        for (const outcome of outcomes) if (outcome && outcome in counts) counts[outcome as 'sent'] += 1
      }
    }
    await jobRunFinished(db, job, today, now, { journeys })
    deps.logger.info({ job, businessDay: today, journeys }, 'journeys ran')
    return { ran: true, businessDay: today, journeys }
  } finally {
    await releaseLease(db, job, holder)
  }
}

/**
 * One batch in one transaction, set-based: the members the finder judges due, decided together (decideSends), the
 * win-back coupons of those decided 'sent' issued together (claimCouponBatch, a claim per member under the dormancy's
 * period), and their messages enqueued together (enqueueMessages) — a handful of statements per batch.
 */
function sendBatch(
  db: Kysely<Database>,
  ctx: JourneyContext,
  finder: DueFinder,
  memberIds: string[],
  afterDecision?: () => void,
): Promise<JourneyOutcome[]> {
  return db.transaction().execute(async (trx) => {
    const due = await finder.due(trx, ctx, memberIds)
    const byMember = new Map(due.map((m) => [m.memberId, m]))
    const outcomes = await sendJourneyMessages(trx, {
      key: finder.key,
      recipients: due,
      settings: ctx.settings,
      now: ctx.now,
      businessDay: ctx.today,
      calendar: ctx.program.rules.calendar,
      onSent: async (sent) => {
        const couponed = sent.flatMap(({ recipient }) => {
          const member = byMember.get(recipient.memberId)
          return member?.coupon ? [{ member, offer: member.coupon }] : []
        })
        await claimCouponBatch(
          trx,
          { key: 'win_back', periodKey: '', program: ctx.program, today: ctx.today, now: ctx.now },
          couponed.map(({ member, offer }) => ({
            memberId: member.memberId,
            periodKey: member.period.slice(0, 16),
            tierKey: member.tierKey ?? ctx.program.rules.tiers[0].key,
            grant: { coupons: [{ ...offer, kind: 'cash_off' as const, count: 1 }] },
          })),
        )
        return new Map(couponed.map(({ member, offer }) => [member.memberId, winBackCouponValues(offer, ctx.today)]))
      },
    })
    for (const _ of outcomes) afterDecision?.()
    return outcomes
  })
}

/** The day of the last finished run (its later events are not seen yet), else yesterday; at most a week back. */
async function windowStart(db: Kysely<Database>, today: string): Promise<string> {
  const last = await db
    .selectFrom('job_runs')
    .select('business_day')
    .where('job', '=', job)
    .where('finished_at', 'is not', null)
    .where('business_day', '<', today)
    .orderBy('business_day', 'desc')
    .limit(1)
    .executeTakeFirst()
  const weekAgo = addDays(today, -7)
  const since = last?.business_day ?? addDays(today, -1)
  if (since < weekAgo) return weekAgo
  return since
}
