import type { CampaignRun } from './engagement-campaign'
import { benchSettings } from './engagement-due'
import type { DrainCall, JourneyRun } from './engagement-runs'
import type { StatementTotal } from './engagement-timing'
import type { QueryTime } from './insights-timing'
import type { Figure } from './report'

/** What tasks/engagement.ts prints. */
export interface EngagementResult {
  members: number
  engine: 'sqlite' | 'postgres'
  day: string
  loadSeconds: number
  reused: boolean
  scan: { seconds: number; rows: number }
  journeys: JourneyRun[]
  write: { seconds: number; rows: number }
  campaign: CampaignRun | null
  drain: {
    pending: Record<string, number>
    runs: DrainCall[]
    statements: number
    byStatement: StatementTotal[]
    slowest: QueryTime[]
  } | null
}

const count = (n: number) => n.toLocaleString('en-US')

/**
 * (l) the nightly journeys against (l0), one read of every member with tier and points account on the same
 * database; (j) the campaign against (j0), an INSERT … SELECT of one decision row per member; (k) the drain, one
 * call's time and, per row, against (j0)'s time per row. Every baseline is measured in the same run.
 */
export function engagementFigures(result: EngagementResult, engine: string): Figure[] {
  const full = result.members >= 1_000_000
  const scaled = full ? '' : `; only ${count(result.members)} members, not 1,000,000`
  const scan = result.scan.seconds
  const write = result.write.seconds
  const figures: Figure[] = [
    {
      id: '(l0)',
      label: `read of ${count(result.scan.rows)} members × tier × points (${engine})`,
      value: scan,
      unit: 's',
      ratio: 1,
      ratioTo: 'l0',
    },
  ]
  const quiet = result.journeys.find((j) => j.due.due === 0)
  for (const run of result.journeys) {
    const nothing = run.due.due === 0
    const perDue = !nothing && quiet ? ((run.seconds - quiet.seconds) * 1000) / run.due.due : null
    figures.push({
      id: '(l)',
      label: `journeys run, ${nothing ? 'nothing' : count(run.due.due)} due (${engine})`,
      value: run.seconds,
      unit: 's',
      ratio: run.seconds / scan,
      ratioTo: 'l0',
      target: nothing ? '< 60 s' : 'proportional',
      met: nothing ? full && run.seconds < 60 : undefined,
      note:
        `${count(run.statements)} statements${perDue === null ? '' : `; ${perDue.toFixed(2)} ms per due member`}` +
        scaled,
    })
  }
  figures.push({
    id: '(j0)',
    label: `INSERT … SELECT of ${count(result.write.rows)} decision rows (${engine})`,
    value: write,
    unit: 's',
    ratio: 1,
    ratioTo: 'j0',
  })
  const campaign = result.campaign
  if (campaign) {
    const rate = campaign.targeted / Math.max(0.001, campaign.seconds)
    const progress = campaign.finished
      ? ''
      : `stopped at the ${campaign.limitSeconds} s limit after ${count(campaign.targeted)} ` +
        `of ${count(result.members)} members (≥ ${Math.round(result.members / Math.max(1, rate))} s at that rate); `
    figures.push({
      id: '(j)',
      label: `campaign to ${count(result.members)} members planned + enqueued (${engine})`,
      value: campaign.seconds,
      unit: 's',
      ratio: campaign.seconds / write,
      ratioTo: 'j0',
      target: '< 60 s',
      met: full && campaign.finished && campaign.seconds < 60,
      note:
        `${progress}${count(campaign.rows?.sends ?? 0)} decisions, ${count(campaign.rows?.outbox ?? 0)} outbox rows, ` +
        `${count(campaign.statements)} statements${scaled}`,
    })
  }
  const perRowBase = write / Math.max(1, result.write.rows)
  const { wechat, sms } = benchSettings()
  for (const [n, run] of (result.drain?.runs ?? []).entries()) {
    const rows = run.wechat + run.sms
    figures.push({
      id: '(k)',
      label: `outbox drain, call ${n + 1}: ${run.wechat} WeChat + ${run.sms} SMS (${engine})`,
      value: run.seconds,
      unit: 's',
      ratio: run.seconds / Math.max(1, rows) / perRowBase,
      ratioTo: 'j0 per row',
      target: `${wechat.perMinute} + ${sms.perMinute} in < 60 s`,
      met: run.wechat === wechat.perMinute && run.sms === sms.perMinute && run.seconds < 60,
      note: `${((run.seconds * 1000) / Math.max(1, rows)).toFixed(1)} ms per row`,
    })
  }
  return figures
}
