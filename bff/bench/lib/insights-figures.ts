import type { InsightsJobResult } from '../../src/jobs/run-insights-job'
import type { ReportKey } from '@mc/shared'
import type { ReportTiming } from './insights-reports'
import type { QueryTime } from './insights-timing'
import type { Figure } from './report'

/** What tasks/insights.ts prints. */
export interface InsightsResult {
  members: number
  engine: 'sqlite' | 'postgres'
  day: string
  loadSeconds: number
  reused: boolean
  scan: { groupedSeconds: number; membersWithOrders: number; orders: number; countSeconds: number }
  backfillSeconds: number
  backfillSlowest: QueryTime[]
  job: InsightsJobResult
  jobSeconds: number
  scoringSeconds: number | null
  jobSlowest: QueryTime[]
  baseline: ReportTiming
  reports: Record<ReportKey, ReportTiming>
  weeklyActions: ReportTiming
}

/**
 * (h) the nightly job against (h0), one grouped pass over the RFM window's orders on the same database; (i) each
 * report over a year against (i0), the settings read through the same app. Both baselines are measured in the run.
 */
export function insightsFigures(result: InsightsResult, engine: string): Figure[] {
  const members = result.members.toLocaleString('en-US')
  const full = result.members >= 1_000_000
  const scaled = full ? '' : ` (only ${members} members: not the target's 1,000,000)`
  const orders = result.scan.orders.toLocaleString('en-US')
  const scan = result.scan.groupedSeconds
  const base = result.baseline.medianMs
  const figures: Figure[] = [
    {
      id: '(h0)',
      label: `grouped pass over a year of orders (${engine})`,
      value: scan,
      unit: 's',
      ratio: 1,
      ratioTo: 'h0',
      note: `${orders} orders`,
    },
    {
      id: '(h)',
      label: `nightly insights job, ${members} members (${engine})`,
      value: result.jobSeconds,
      unit: 's',
      ratio: result.jobSeconds / scan,
      ratioTo: 'h0',
      target: '< 60 s',
      met: full && result.jobSeconds < 60,
      note:
        (result.scoringSeconds === null ? '' : `scoring ${result.scoringSeconds.toFixed(1)} s; `) +
        `backfill of one day ${result.backfillSeconds.toFixed(1)} s${scaled}`,
    },
    {
      id: '(i0)',
      label: `GET /api/admin/insights/settings (${engine})`,
      value: base,
      unit: 'ms',
      ratio: 1,
      ratioTo: 'i0',
    },
  ]
  const timings: Array<[string, ReportTiming]> = [
    ...Object.entries(result.reports),
    ['weekly-actions', result.weeklyActions],
  ]
  for (const [key, timing] of timings) {
    figures.push({
      id: '(i)',
      label: `${key}${key === 'weekly-actions' ? '' : ', one year'} (${engine})`,
      value: timing.medianMs,
      unit: 'ms',
      ratio: timing.medianMs / base,
      ratioTo: 'i0',
      target: '< 300 ms',
      met: full && timing.status === 200 && timing.medianMs < 300,
      note: `${timing.status === 200 ? '' : `HTTP ${timing.status}; `}max ${Math.round(timing.maxMs)} ms${scaled}`,
    })
  }
  return figures
}
