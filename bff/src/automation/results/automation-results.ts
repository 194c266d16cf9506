import {
  AppError,
  armMean,
  businessDayOf,
  meanDifference,
  type ArmSums,
  type AutomationResults,
  type Comparison,
} from '@mc/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { readEngagementSettings } from '../../outreach/engagement-settings'
import { publishedProgram } from '../../program/published-program'
import { armSums, decisionDays, type ResultScope } from './arm-outcomes'
import { resultFigures, resultTables } from './result-tables'

type Sums = Awaited<ReturnType<typeof armSums>>

/**
 * What a journey or campaign did over the decisions of business days `from`..`to`: reach (targeted, sent, held
 * out, capped, over budget), delivery per channel, coupons issued and used, and orders and spend within
 * `resultDays` after each member's decision, treated (arms A and B, whatever their outcome: the randomised
 * comparison) versus holdout and A versus B, each with Welch's difference, its 95% interval and 样本不足 with the
 * members needed when the arms are too small.
 */
export async function automationResults(
  db: Kysely<Database>,
  source: { type: 'journey' | 'campaign'; id: string },
  range: { from?: string; to?: string },
  now: Date,
): Promise<AutomationResults> {
  const { rules } = await publishedProgram(db)
  const settings = await readEngagementSettings(db)
  const today = businessDayOf(now, rules.calendar)
  const days = await decisionDays(db, source.type, source.id)
  const dataFrom = days.first ?? today
  const from = range.from ?? dataFrom
  const to = range.to ?? today
  if (from > to) throw new AppError('RANGE_BACKWARDS', { from, to })
  const scope: ResultScope = { ...source, from, to }
  const windowDays = settings.resultDays
  const sums = await armSums(db, scope, windowDays)
  const notices: AutomationResults['notices'] = []
  if (days.first === null) notices.push({ tone: 'info', text: '还没有发送记录' })
  const windowEnds = days.lastAt && new Date(Date.parse(days.lastAt) + windowDays * 86_400_000)
  if (windowEnds && windowEnds > now)
    notices.push({
      tone: 'info',
      text: `最近的会员决定后还不满 ${windowDays} 天，订单和消费仍在累计，数字会变`,
    })
  return {
    report: source.type,
    sourceId: source.id,
    title: '效果',
    from,
    to,
    asOf: today,
    dataFrom,
    dataTo: today,
    notices,
    figures: await resultFigures(db, scope),
    comparisons: comparisons(sums, windowDays),
    tables: await resultTables(db, scope, sums),
    links: [],
  }
}

function pooled(sums: Sums, arms: string[], metric: 'orders' | 'spend'): ArmSums {
  const mine = sums.filter((s) => arms.includes(s.arm))
  return {
    members: mine.reduce((n, s) => n + s.members, 0),
    sum: mine.reduce((n, s) => n + s[metric].sum, 0),
    sumsq: mine.reduce((n, s) => n + s[metric].sumsq, 0),
  }
}

/** Treated vs holdout, then A vs B when the source has a B arm; orders then spend. */
function comparisons(sums: Sums, windowDays: number): Comparison[] {
  const pairs: { key: string; title: string; treated: [string[], string]; control: [string[], string] }[] = [
    {
      key: 'treated_vs_holdout',
      title: '发送 vs 对照组',
      treated: [['A', 'B'], '发送组'],
      control: [['holdout'], '对照组'],
    },
  ]
  if (sums.some((s) => s.arm === 'B'))
    pairs.push({ key: 'a_vs_b', title: '方案 A vs 方案 B', treated: [['A'], '方案 A'], control: [['B'], '方案 B'] })
  return pairs.flatMap((pair) =>
    (['orders', 'spend'] as const).map((metric): Comparison => {
      const t = pooled(sums, pair.treated[0], metric)
      const c = pooled(sums, pair.control[0], metric)
      const arm = (arms: string[], label: string) => ({
        label,
        members: pooled(sums, arms, 'orders').members,
        meanOrders: armMean(pooled(sums, arms, 'orders')),
        meanSpendFen: armMean(pooled(sums, arms, 'spend')),
      })
      const metricLabel = metric === 'orders' ? '人均订单数' : '人均消费'
      const metricKey = metric === 'orders' ? 'orders' : 'spend_fen'
      return {
        key: `${pair.key}:${windowDays}:${metricKey}`,
        title: `${pair.title}：决定后 ${windowDays} 天${metricLabel}`,
        windowDays,
        design: 'holdout',
        treated: arm(...pair.treated),
        control: arm(...pair.control),
        metric: metricKey,
        ...meanDifference(t, c),
        caveat: null,
      }
    }),
  )
}
