import type { CampaignBody } from '@mc/shared'
import { createCampaign } from '../../src/automation/campaigns/campaigns'
import { createSegment } from '../../src/automation/segments/segments'
import { runCampaigns } from '../../src/jobs/run-campaigns'
import { countBy, countingAdapters } from './engagement-baselines'
import { rowCounts, silentLogger, type Timed } from './engagement-runs'
import type { QueryTime } from './insights-timing'
import type { StatementTotal } from './engagement-timing'

/** Thrown from the job's last-moment hook when the bench's time limit has passed: the batch rolls back, as a crash. */
class BenchLimit extends Error {}

export interface CampaignRun {
  seconds: number
  calls: Array<{ seconds: number; result: unknown }>
  status: string | null
  /** False when the limit stopped it: `targeted` members were planned (committed batches) in `seconds`. */
  finished: boolean
  limitSeconds: number
  targeted: number
  couponsIssued: number
  sends: Record<string, number>
  outbox: Record<string, number>
  rows: Awaited<ReturnType<typeof rowCounts>> | null
  statements: number
  byStatement: StatementTotal[]
  slowest: QueryTime[]
}

/**
 * (j) A coupon campaign to a segment of every member (all three tiers), 10 % holdout, a budget of one coupon per
 * member, sent now: created through the product's own functions, then the campaigns job is called as the scheduler
 * calls it, again until the campaign is done (a job may plan a bounded slice per call); the time is the sum of the
 * calls. Past `limitSeconds` the job's pre-commit hook throws, so the batch in hand rolls back as in a crash and the
 * figure reports how many members the committed batches planned in that time. Leaves its planned decisions for
 * the outbox pass, which writes their coupons and messages ((k)).
 */
export async function timeCampaign(
  timed: Timed,
  members: number,
  now: Date,
  limitSeconds: number,
  maxCalls = 200,
): Promise<CampaignRun> {
  const { db } = timed
  const segment = await createSegment(
    db,
    { name: '全部会员', filter: { tiers: ['regular', 'silver', 'gold'] } },
    'bench',
    now,
  )
  const body: CampaignBody = {
    name: '全员满200减50',
    segmentId: segment.id,
    category: 'offers',
    variants: [
      {
        copy: { title: '会员专享券', body: '送你一张满200减50券，14 天内有效，快来使用吧。' },
        coupon: { name: '满200减50', thresholdFen: 20000, discountFen: 5000, validDays: 14 },
      },
    ],
    holdoutPercent: 10,
    budgetCoupons: members,
    stopAtBudget: false,
    scheduledAt: null,
  }
  const campaign = await createCampaign(db, body, 'bench', now)
  const { adapters } = countingAdapters()
  const deps = { db, databaseKind: timed.kind, clock: { now: () => now }, logger: silentLogger, outreach: adapters }
  const calls: CampaignRun['calls'] = []
  timed.mark()
  let status = 'scheduled'
  let stopped = false
  const begun = performance.now()
  const beforeCommit = async () => {
    if ((performance.now() - begun) / 1000 > limitSeconds) throw new BenchLimit('bench time limit')
  }
  for (let call = 0; call < maxCalls && !stopped && status !== 'done' && status !== 'cancelled'; call += 1) {
    const started = performance.now()
    const result = await runCampaigns(deps, new Date(now.getTime() + call * 1000), 'bench', { beforeCommit }).catch(
      (err: unknown) => {
        if (!(err instanceof BenchLimit)) throw err
        stopped = true
        return 'stopped at the bench time limit'
      },
    )
    calls.push({ seconds: (performance.now() - started) / 1000, result })
    const row = await db
      .selectFrom('campaigns')
      .select('status')
      .where('id', '=', campaign.id)
      .executeTakeFirstOrThrow()
    status = row.status
  }
  const [statements, byStatement, slowest] = [timed.statements(), timed.byStatement(12), timed.slowest(5)]
  const row = await db
    .selectFrom('campaigns')
    .select(['status', 'targeted', 'coupons_issued'])
    .where('id', '=', campaign.id)
    .executeTakeFirstOrThrow()
  return {
    seconds: calls.reduce((sum, c) => sum + c.seconds, 0),
    calls,
    status: row.status,
    finished: row.status === 'done',
    limitSeconds,
    targeted: Number(row.targeted),
    couponsIssued: Number(row.coupons_issued),
    sends: await countBy(db, 'engagement_sends', 'arm', 'outcome'),
    outbox: await countBy(db, 'outbox', 'channel', 'state'),
    rows: await rowCounts(db),
    statements,
    byStatement,
    slowest,
  }
}
