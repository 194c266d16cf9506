import { armMean, meanDifference, type Comparison } from '@mc/shared'
import { latestScoredDay, num, type ReportContext } from './report-kit'

export const selfSelectedCaveat = '会员是自己选择使用的：本来就爱消费的人更可能使用，差异不等于它带来的效果'

interface ArmRow {
  subject: string
  window_days: number
  arm: 'treated' | 'control' | 'holdout'
  members: number
  orders_sum: number | string
  orders_sumsq: number
  spend_sum: number | string
  spend_sumsq: number
}

/** The stored arms of the subjects on the latest scored day up to the range's end: a few rows per subject. */
export async function comparisonArms(ctx: ReportContext, subjects: string[] | 'benefits'): Promise<ArmRow[]> {
  const day = await latestScoredDay(ctx, 'snapshot_comparisons')
  if (day === null) return []
  let query = ctx.db
    .selectFrom('snapshot_comparisons')
    .select(['subject', 'window_days', 'arm', 'members', 'orders_sum', 'orders_sumsq', 'spend_sum', 'spend_sumsq'])
    .where('business_day', '=', day)
  query = subjects === 'benefits' ? query.where('subject', 'like', 'benefit:%') : query.where('subject', 'in', subjects)
  return (await query.orderBy('subject').orderBy('window_days').execute()) as ArmRow[]
}

/**
 * The comparisons of one subject, window by window, orders then spend. Where a holdout arm exists, treated versus
 * holdout comes first (a random control answers "does it work"); treated versus eligible non-users follows with the
 * self-selection caveat.
 */
export function subjectComparisons(
  arms: ArmRow[],
  subject: string,
  title: string,
  labels: { treated: string; control: string },
): Comparison[] {
  const mine = arms.filter((a) => a.subject === subject)
  const windows = [...new Set(mine.map((a) => num(a.window_days)))].sort((a, b) => a - b)
  const out: Comparison[] = []
  for (const design of ['holdout', 'self_selected'] as const) {
    for (const windowDays of windows) {
      const arm = (name: ArmRow['arm']) => mine.find((a) => num(a.window_days) === windowDays && a.arm === name)
      const treated = arm('treated')
      const control = arm(design === 'holdout' ? 'holdout' : 'control')
      if (!treated || !control) continue
      for (const metric of ['orders', 'spend_fen'] as const) {
        out.push(compare(subject, title, windowDays, design, metric, treated, control, labels))
      }
    }
  }
  return out
}

function compare(
  subject: string,
  title: string,
  windowDays: number,
  design: Comparison['design'],
  metric: Comparison['metric'],
  treated: ArmRow,
  control: ArmRow,
  labels: { treated: string; control: string },
): Comparison {
  const sums = (a: ArmRow) =>
    metric === 'orders'
      ? { members: num(a.members), sum: num(a.orders_sum), sumsq: num(a.orders_sumsq) }
      : { members: num(a.members), sum: num(a.spend_sum), sumsq: num(a.spend_sumsq) }
  const arm = (a: ArmRow, label: string) => ({
    label,
    members: num(a.members),
    meanOrders: armMean({ members: num(a.members), sum: num(a.orders_sum), sumsq: 0 }),
    meanSpendFen: armMean({ members: num(a.members), sum: num(a.spend_sum), sumsq: 0 }),
  })
  const metricLabel = metric === 'orders' ? '人均订单数' : '人均消费'
  return {
    key: `${subject}:${windowDays}:${design}:${metric}`,
    title: `${title}：近 ${windowDays} 天${metricLabel}`,
    windowDays,
    design,
    treated: arm(treated, labels.treated),
    control: arm(control, design === 'holdout' ? '随机对照组（未发放）' : labels.control),
    metric,
    ...meanDifference(sums(treated), sums(control)),
    caveat: design === 'self_selected' ? selfSelectedCaveat : null,
  }
}
