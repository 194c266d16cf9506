import { entryKindLabels, type ReportFigure } from '@mc/shared'
import { sql } from 'kysely'
import {
  column,
  figure,
  num,
  percent,
  pivot,
  pointsToFen,
  table,
  type ReportBody,
  type ReportContext,
} from './report-kit'

const flows = ['issued', 'spent', 'expired', 'clawed_back'] as const
const flowColumns = [
  column('issued', '发放', 'points'),
  column('spent', '兑换消耗', 'points'),
  column('expired', '过期', 'points'),
  column('clawed_back', '退款扣回', 'points'),
]
/** Spent, expired and clawed back are stored negative; the reports show every flow as a positive amount. */
const shown = (flow: string, amount: number) => (flow === 'issued' ? amount : -amount)

/**
 * Points economy: issued, redeemed, expired and clawed back per month and by source; the redemption rate;
 * liability in points and in yuan at the merchant's point value; next month's expiring yuan; expected breakage from
 * the program's whole history; debt; and the top mall items.
 */
export async function pointsEconomyReport(ctx: ReportContext): Promise<ReportBody> {
  const { db, range } = ctx
  const month = sql<string>`substr(business_day, 1, 7)`
  const byMonth = await db
    .selectFrom('snapshot_ledger_flows')
    .select((eb) => [month.as('month'), 'source_kind', 'flow', eb.fn.sum<number>('amount').as('amount')])
    .where('ledger', '=', 'points')
    .where('business_day', '>=', range.from)
    .where('business_day', '<=', range.to)
    .groupBy([month, 'source_kind', 'flow'])
    .execute()
  const flowKeys = flows as readonly string[]
  const monthly = pivot(
    byMonth.map((r) => ({ row: r.month, column: r.flow, value: shown(r.flow, num(r.amount)) })),
    'month',
    [...flowKeys],
  ).sort((a, b) => String(a.month).localeCompare(String(b.month)))
  const bySource = pivot(
    byMonth.map((r) => ({ row: r.source_kind, column: r.flow, value: shown(r.flow, num(r.amount)) })),
    'sourceKind',
    [...flowKeys],
  ).map(({ sourceKind, ...rest }) => ({
    source: entryKindLabels[sourceKind as keyof typeof entryKindLabels] ?? String(sourceKind),
    ...rest,
  }))
  const total = (flow: string) => monthly.reduce((s, r) => s + num(r[flow]), 0)
  return {
    notices: [],
    figures: [
      figure('issued', '发放积分', total('issued'), 'points', `${range.from} 至 ${range.to}`),
      figure('spent', '兑换消耗积分', total('spent'), 'points'),
      figure('redemptionRate', '兑换率', percent(total('spent'), total('issued')), 'percent', '兑换消耗 ÷ 发放'),
      figure('expired', '过期积分', total('expired'), 'points'),
      figure('clawedBack', '退款扣回积分', total('clawed_back'), 'points'),
      ...(await balanceFigures(ctx)),
    ],
    comparisons: [],
    tables: [
      table('monthly', '每月积分流向', [column('month', '月份', 'text'), ...flowColumns], monthly, {
        kind: 'grouped_bar',
        x: 'month',
        series: [...flowKeys],
      }),
      table('by-source', '按来源', [column('source', '来源', 'text'), ...flowColumns], bySource, {
        kind: 'stacked_bar',
        x: 'source',
        series: [...flowKeys],
      }),
      await liabilityTable(ctx),
      await topItemsTable(ctx),
    ],
    links: [],
  }
}

/** Liability and debt at `asOf`, in points and yuan; next month's expiring yuan; breakage from all history. */
async function balanceFigures(ctx: ReportContext): Promise<ReportFigure[]> {
  const { db, range, settings } = ctx
  const day = await db
    .selectFrom('snapshot_days')
    .select(['points_liability', 'points_debt', 'debtors', 'points_held'])
    .where('business_day', '=', range.asOf)
    .executeTakeFirstOrThrow()
  const expiring = await db
    .selectFrom('snapshot_days')
    .select(['business_day', 'points_expiring_next_month'])
    .where('points_expiring_next_month', 'is not', null)
    .where('business_day', '<=', range.to)
    .orderBy('business_day', 'desc')
    .limit(1)
    .executeTakeFirst()
  // The program's whole history: how much of what left members' balances left by expiring rather than being spent.
  const history = await db
    .selectFrom('snapshot_ledger_flows')
    .select(['flow', (eb) => eb.fn.sum<number>('amount').as('amount')])
    .where('ledger', '=', 'points')
    .where('flow', 'in', ['spent', 'expired'])
    .groupBy('flow')
    .execute()
  const expired = -num(history.find((h) => h.flow === 'expired')?.amount)
  const spent = -num(history.find((h) => h.flow === 'spent')?.amount)
  const liability = num(day.points_liability)
  const breakageRate = expired + spent > 0 ? expired / (expired + spent) : null
  const breakage = breakageRate === null ? null : Math.round(liability * breakageRate)
  const value = `按每 100 积分 ¥${(settings.pointValueFenPer100 / 100).toFixed(2)} 折算`
  const expiringPoints = expiring ? num(expiring.points_expiring_next_month) : null
  return [
    figure('liabilityPoints', '未兑换积分（负债）', liability, 'points', `截至 ${range.asOf}`),
    figure('liabilityFen', '积分负债折合', pointsToFen(liability, settings), 'fen', value),
    figure(
      'expiringNextMonthFen',
      '下月将过期积分折合',
      expiringPoints === null ? null : pointsToFen(expiringPoints, settings),
      'fen',
      expiring ? `${expiringPoints} 积分；${expiring.business_day} 夜间统计` : '仅夜间统计生成',
    ),
    figure(
      'expectedBreakageFen',
      '预计不会兑换的积分折合',
      breakage === null ? null : pointsToFen(breakage, settings),
      'fen',
      breakageRate === null
        ? '历史上还没有积分兑换或过期，无法估计'
        : `历史过期 ÷ (过期 + 兑换) = ${(breakageRate * 100).toFixed(1)}%，乘以当前负债`,
    ),
    figure('debtPoints', '欠分（退款扣回后为负）', num(day.points_debt), 'points', `${num(day.debtors)} 位会员`),
    figure('heldPoints', '兑换中冻结积分', num(day.points_held), 'points'),
  ]
}

async function liabilityTable(ctx: ReportContext) {
  const { db, range, settings } = ctx
  const rows = await db
    .selectFrom('snapshot_days')
    .select(['business_day', 'points_liability', 'points_debt'])
    .where('business_day', '>=', range.from)
    .where('business_day', '<=', range.to)
    .orderBy('business_day')
    .execute()
  return table(
    'liability',
    '积分负债走势',
    [
      column('day', '日期', 'text'),
      column('liabilityPoints', '未兑换积分', 'points'),
      column('liabilityFen', '折合(元)', 'fen'),
      column('debtPoints', '欠分', 'points'),
    ],
    rows.map((r) => ({
      day: r.business_day,
      liabilityPoints: num(r.points_liability),
      liabilityFen: pointsToFen(num(r.points_liability), settings),
      debtPoints: num(r.points_debt),
    })),
    { kind: 'line', x: 'day', series: ['liabilityPoints'] },
  )
}

async function topItemsTable(ctx: ReportContext) {
  const { db, range } = ctx
  const rows = await db
    .selectFrom('snapshot_redemptions')
    .select((eb) => [
      'item_id',
      eb.fn.max('item_title').as('title'),
      eb.fn.sum<number>('redemptions').as('redemptions'),
      eb.fn.sum<number>('quantity').as('quantity'),
      eb.fn.sum<number>('points').as('points'),
      eb.fn.sum<number>('cash_fen').as('cash_fen'),
    ])
    .where('business_day', '>=', range.from)
    .where('business_day', '<=', range.to)
    .groupBy('item_id')
    .orderBy(sql`sum(redemptions)`, 'desc')
    .orderBy('item_id')
    .limit(10)
    .execute()
  return table(
    'top-items',
    '兑换最多的商品',
    [
      column('title', '商品', 'text'),
      column('redemptions', '兑换次数', 'count'),
      column('quantity', '件数', 'count'),
      column('points', '消耗积分', 'points'),
      column('cashFen', '收取现金(元)', 'fen'),
    ],
    rows.map((r) => ({
      title: String(r.title),
      redemptions: num(r.redemptions),
      quantity: num(r.quantity),
      points: num(r.points),
      cashFen: num(r.cash_fen),
    })),
    { kind: 'bar', x: 'title', series: ['redemptions'] },
  )
}
