import { sql } from 'kysely'
import {
  column,
  monthOf,
  num,
  percent,
  pivot,
  table,
  tierColumns,
  tierName,
  type ReportBody,
  type ReportContext,
} from './report-kit'
import { tierShapeSection } from './tier-shape'

/**
 * Tier health: members per tier over the range (stacked area), the migration matrix over the chosen period, upgrade
 * and downgrade rates per month, the median days to reach each tier, and the pyramid against the target shape.
 */
export async function tierHealthReport(ctx: ReportContext): Promise<ReportBody> {
  const shape = await tierShapeSection(ctx)
  return {
    notices: shape.notices,
    figures: shape.figures,
    comparisons: [],
    tables: [
      await distributionTable(ctx),
      await matrixTable(ctx),
      await monthlyMovesTable(ctx),
      await timingTable(ctx),
      shape.table,
    ],
    links: shape.links,
  }
}

async function distributionTable(ctx: ReportContext) {
  const { db, range, rules, query } = ctx
  const rows = await db
    .selectFrom('snapshot_tier_members')
    .select(['business_day', 'tier_key', 'members'])
    .where('business_day', '>=', range.from)
    .where('business_day', '<=', range.to)
    .orderBy('business_day')
    .execute()
  const tiers = tierColumns(rules, query.tier)
  const keys = tiers.map((t) => t.key)
  const entries = rows
    .filter((r) => keys.includes(r.tier_key))
    .map((r) => ({ row: r.business_day, column: r.tier_key, value: num(r.members) }))
  const days = [...new Set(rows.map((r) => r.business_day))]
  return table(
    'distribution',
    '各等级会员数',
    [column('day', '日期', 'text'), ...tiers],
    pivot(entries, 'day', keys, days),
    { kind: 'stacked_area', x: 'day', series: keys },
    days.length < 2 ? '只有 1 天的快照，画不出趋势；夜间统计运行几天后再看' : null,
  )
}

/** Rows: tier at the end of the day before the period ('' = joined within it); columns: tier at `asOf`. */
async function matrixTable(ctx: ReportContext) {
  const { db, range, rules, query } = ctx
  const period = Number(query.periodDays ?? '30')
  const rows = await db
    .selectFrom('snapshot_tier_matrix')
    .select(['from_key', 'to_key', 'members'])
    .where('business_day', '=', range.asOf)
    .where('period_days', '=', period)
    .execute()
  const tiers = tierColumns(rules)
  const keys = tiers.map((t) => t.key)
  const fromKeys = ['', ...keys].filter((k) => query.tier === undefined || k === query.tier)
  const entries = rows
    .filter((r) => fromKeys.includes(r.from_key))
    .flatMap((r) => [
      { row: r.from_key, column: r.to_key, value: num(r.members) },
      { row: r.from_key, column: 'total', value: num(r.members) },
    ])
  const pivoted = pivot(entries, 'fromKey', [...keys, 'total'], fromKeys).map(({ fromKey, ...row }) => ({
    from: tierName(rules, String(fromKey)),
    ...row,
  }))
  return table(
    'matrix',
    `近 ${period} 天等级迁移（截至 ${range.asOf}）`,
    [column('from', '期初等级', 'text'), ...tiers, column('total', '期初人数', 'count')],
    rows.length === 0 ? [] : pivoted,
    { kind: 'heat', x: 'from', series: keys },
    rows.length === 0 ? `${range.asOf} 没有近 ${period} 天的迁移数据` : null,
  )
}

/** Moves per month; a rule publish counts as an upgrade or a downgrade by the direction it moved members. */
async function monthlyMovesTable(ctx: ReportContext) {
  const { db, range, rules } = ctx
  const month = sql<string>`substr(business_day, 1, 7)`
  const moves = await db
    .selectFrom('snapshot_tier_moves')
    .select((eb) => [month.as('month'), 'kind', 'from_key', 'to_key', eb.fn.sum<number>('members').as('members')])
    .where('business_day', '>=', range.from)
    .where('business_day', '<=', range.to)
    .groupBy([month, 'kind', 'from_key', 'to_key'])
    .execute()
  const days = await db
    .selectFrom('snapshot_days')
    .select(['business_day', 'members'])
    .where('business_day', '>=', range.from)
    .where('business_day', '<=', range.to)
    .orderBy('business_day')
    .execute()
  const rank = (key: string) => rules.tiers.findIndex((t) => t.key === key)
  const direction = (m: (typeof moves)[number]) =>
    m.kind === 'upgrade' || m.kind === 'downgrade' || m.kind === 'retain'
      ? m.kind
      : m.kind === 'rule_publish' && m.from_key !== ''
        ? rank(m.to_key) > rank(m.from_key)
          ? 'upgrade'
          : 'downgrade'
        : null
  const entries = moves.flatMap((m) => {
    const kind = direction(m)
    return kind ? [{ row: m.month, column: kind, value: num(m.members) }] : []
  })
  // The base of a month's rates: the members on its first snapshot day in the range.
  const base = new Map<string, number>()
  for (const d of days) if (!base.has(monthOf(d.business_day))) base.set(monthOf(d.business_day), num(d.members))
  const rows = pivot(entries, 'month', ['upgrade', 'downgrade', 'retain'], [...base.keys()]).map((row) => ({
    ...row,
    members: base.get(String(row.month)) ?? 0,
    upgradeRate: percent(num(row.upgrade), base.get(String(row.month)) ?? 0),
    downgradeRate: percent(num(row.downgrade), base.get(String(row.month)) ?? 0),
  }))
  return table(
    'monthly-moves',
    '每月升级与降级',
    [
      column('month', '月份', 'text'),
      column('members', '月初会员数', 'count'),
      column('upgrade', '升级人次', 'count'),
      column('downgrade', '降级人次', 'count'),
      column('retain', '保级人次', 'count'),
      column('upgradeRate', '升级率(%)', 'percent'),
      column('downgradeRate', '降级率(%)', 'percent'),
    ],
    rows,
    { kind: 'line', x: 'month', series: ['upgradeRate', 'downgradeRate'] },
  )
}

async function timingTable(ctx: ReportContext) {
  const { db, range, rules, query } = ctx
  const rows = await db
    .selectFrom('snapshot_tier_timing')
    .select(['from_key', 'to_key', 'median_days', 'members'])
    .where('business_day', '=', range.asOf)
    .execute()
  const rank = (key: string) => rules.tiers.findIndex((t) => t.key === key)
  const shown = rows
    .filter((r) => query.tier === undefined || r.to_key === query.tier)
    .sort((a, b) => rank(a.to_key) - rank(b.to_key) || rank(a.from_key) - rank(b.from_key))
    .map((r) => ({
      path: `${r.from_key === '' ? '入会' : tierName(rules, r.from_key)} → ${tierName(rules, r.to_key)}`,
      medianDays: num(r.median_days),
      members: num(r.members),
    }))
  return table(
    'timing',
    '升到各等级的天数中位数（近 365 天的升级）',
    [
      column('path', '路径', 'text'),
      column('medianDays', '天数中位数', 'days'),
      column('members', '升级人数', 'count'),
    ],
    shown,
    { kind: 'bar', x: 'path', series: ['medianDays'] },
  )
}
