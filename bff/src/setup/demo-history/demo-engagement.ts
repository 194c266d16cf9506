import { addDays, businessDayStart, type CampaignBody, type SegmentBody } from '@mc/shared'
import type { Kysely } from 'kysely'
import { createCampaign } from '../../automation/campaigns/campaigns'
import { deliverCampaigns } from '../../automation/campaigns/deliver-campaigns'
import { createSegment } from '../../automation/segments/segments'
import type { Database } from '../../db/schema'
import { readEngagementSettings } from '../../outreach/engagement-settings'
import { schedule, type DemoYear } from './shopper-day'

type Job = (db: Kysely<Database>, now: Date, holder: string) => Promise<unknown>

/** The engagement jobs, handed in from the floor above like the daily and insights jobs; optional for specs. */
export interface DemoEngagementJobs {
  journeys?: Job
  campaigns?: Job
}

/** The journeys run on the demo's last days, as the scheduler would each morning. */
export const demoJourneyDays = 30
/** The A/B campaign goes out this many days back, so its 30-day result window has closed by today. */
export const demoCampaignDaysAgo = 60

const holder = 'demo-history'
const couponA = { name: '满100减20', thresholdFen: 10_000, discountFen: 2_000, validDays: 14 }
const couponB = { name: '满200减50', thresholdFen: 20_000, discountFen: 5_000, validDays: 14 }

/**
 * Saved segments, one finished campaign and the journeys' last month, scheduled into the demo year so they happen
 * on its simulated clock among the shoppers' days: the segments and the campaign (A/B with a 20% holdout, sent by the
 * real campaigns job, to every member joined by then) at 10:00 sixty days back, the journeys at 09:30 on each of the
 * last 30 days. The campaign's results then have orders and spend in the 30 days after each decision.
 */
export function scheduleDemoEngagement(year: DemoYear, jobs: DemoEngagementJobs, today: string, days: number): void {
  const { db, program } = year
  const at = (ago: number, hours: number) =>
    new Date(businessDayStart(addDays(today, -ago), program.rules.calendar).getTime() + hours * 3_600_000)
  if (jobs.campaigns && days > demoCampaignDaysAgo) {
    const run = jobs.campaigns
    const sentAt = at(demoCampaignDaysAgo, 10)
    schedule(year, addDays(today, -demoCampaignDaysAgo), {
      at: sentAt,
      run: () => demoCampaign(db, run, sentAt, today),
    })
  }
  if (jobs.journeys) {
    const run = jobs.journeys
    for (let ago = Math.min(demoJourneyDays, days - 1); ago >= 1; ago--) {
      const runAt = at(ago, 9.5)
      schedule(year, addDays(today, -ago), { at: runAt, run: () => run(db, runAt, holder) })
    }
  }
}

async function demoCampaign(db: Kysely<Database>, run: Job, now: Date, today: string) {
  const month = Number(today.slice(5, 7))
  const segments: SegmentBody[] = [
    { name: '黄金·重要挽留', filter: { tiers: ['gold'], rfmGroups: ['important_retain'] } },
    { name: '30 天未下单', filter: { daysSinceLastOrder: { min: 30 } } },
    { name: '生日在本月', filter: { birthdayMonths: [month] } },
    { name: '全部会员', filter: {} },
  ]
  let everyone = ''
  for (const body of segments) everyone = (await createSegment(db, body, 'demo', now)).id
  const campaign: CampaignBody = {
    name: '会员回馈 A/B 测试',
    segmentId: everyone,
    category: 'offers',
    variants: [
      { copy: { title: '{会员昵称}，送你一张券', body: '{等级}专享{优惠券}，{券有效期至}前有效。' }, coupon: couponA },
      { copy: { title: '{会员昵称}，大额券到账', body: '{等级}专享{优惠券}，{券有效期至}前有效。' }, coupon: couponB },
    ],
    holdoutPercent: 20,
    budgetCoupons: 1000,
    stopAtBudget: true,
    scheduledAt: null,
  }
  await createCampaign(db, campaign, 'demo', now)
  await run(db, now, holder)
  // The outbox drain's campaign step, as the scheduler's next tick would take it (the demo has no outbox job).
  await deliverCampaigns(db, await readEngagementSettings(db), now)
}
