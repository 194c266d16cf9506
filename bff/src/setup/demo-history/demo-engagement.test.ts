import { describe, expect, it } from 'vitest'
import { automationResults } from '../../automation/results'
import { runCampaigns } from '../../jobs/run-campaigns'
import { runDailyJobs } from '../../jobs/run-daily-jobs'
import { runInsightsJob } from '../../jobs/run-insights-job'
import { runJourneys } from '../../jobs/run-journeys'
import { useTestApp } from '../../test/test-app'
import { seedDemoHistory } from './seed-demo-history'

describe('the demo year with engagement: saved segments, a finished A/B campaign with results, journeys run', () => {
  const t = useTestApp()

  it('seeds them through the real jobs on the simulated clock', async () => {
    const logger = t.deps.logger
    const jobs = {
      daily: runDailyJobs,
      insights: runInsightsJob,
      journeys: (db: typeof t.db, now: Date, holder: string) => runJourneys({ db, logger }, now, holder),
      campaigns: (db: typeof t.db, now: Date, holder: string) => runCampaigns({ db, logger }, now, holder),
    }
    await seedDemoHistory(t.db, t.clock.now(), jobs, { days: 75, crowd: 60, snapshots: false })
    const segments = await t.db.selectFrom('segments').select('name').orderBy('id').execute()
    expect(segments.map((s) => s.name)).toEqual(['黄金·重要挽留', '30 天未下单', '生日在本月', '全部会员'])
    const [campaign] = await t.db.selectFrom('campaigns').selectAll().execute()
    expect(campaign).toMatchObject({ name: '会员回馈 A/B 测试', status: 'done' })
    expect(campaign.targeted).toBeGreaterThan(10)
    const results = await automationResults(t.db, { type: 'campaign', id: campaign.id }, {}, t.clock.now())
    const figure = (key: string) => results.figures.find((f) => f.key === key)?.value
    expect(figure('targeted')).toBe(campaign.targeted)
    expect((figure('sent') ?? 0) + (figure('holdout') ?? 0)).toBe(campaign.targeted)
    expect(figure('coupons_issued')).toBe(figure('sent'))
    expect(results.comparisons.map((c) => c.key)).toEqual([
      'treated_vs_holdout:30:orders',
      'treated_vs_holdout:30:spend_fen',
      'a_vs_b:30:orders',
      'a_vs_b:30:spend_fen',
    ])
    expect(results.comparisons[0].treated.meanOrders).toBeGreaterThan(0)
    expect(results.notices).toEqual([])
    const journeyDays = await t.db
      .selectFrom('engagement_sends')
      .select('business_day')
      .distinct()
      .where('source_type', '=', 'journey')
      .execute()
    expect(journeyDays.length).toBeGreaterThan(5)
  }, 180_000)
})
