import { defaultTargetShapes, type ReportAnswer, type ReportFigure, type ReportTable } from '@mc/shared'
import { column, figure, num, percent, table, type ReportContext } from './report-kit'

/** The top tier above this share of members stops feeling special (the warning line). */
export const topTierWarningPercent = 30

/** The target pyramid: the merchant's when it fits the tier count, else the default for that count. */
export function targetShape(ctx: Pick<ReportContext, 'rules' | 'settings'>): { shape: number[]; fitted: boolean } {
  const n = ctx.rules.tiers.length
  const own = ctx.settings.targetShapePercents
  if (own && own.length === n) return { shape: own, fitted: true }
  return { shape: defaultTargetShapes[n] ?? Array.from({ length: n }, () => Math.round(100 / n)), fitted: own === null }
}

/**
 * The figures of the tier shape at `asOf` (members, the top tier's share against 30%, near the next threshold and
 * retain at risk — those two from the latest nightly-built day, backfill leaves them empty), the pyramid against the
 * target, and what-if links into the simulator with a threshold read off the counted-growth percentiles.
 */
export async function tierShapeSection(ctx: ReportContext): Promise<{
  notices: ReportAnswer['notices']
  figures: ReportFigure[]
  table: ReportTable
  links: ReportAnswer['links']
}> {
  const { db, range, rules } = ctx
  const rows = await db
    .selectFrom('snapshot_tier_members')
    .select(['tier_key', 'members'])
    .where('business_day', '=', range.asOf)
    .execute()
  const count = (key: string) => num(rows.find((r) => r.tier_key === key)?.members)
  const total = rows.reduce((sum, r) => sum + num(r.members), 0)
  const top = rules.tiers[rules.tiers.length - 1]
  const topShare = percent(count(top.key), total)
  const { shape, fitted } = targetShape(ctx)
  const notices: ReportAnswer['notices'] = []
  if (!fitted) notices.push({ tone: 'info', text: `目标金字塔的档数与等级数不同，按默认比例 ${shape.join('/')} 对比` })
  const pyramid = rules.tiers.map((t, i) => ({
    tier: t.name,
    members: count(t.key),
    sharePercent: percent(count(t.key), total),
    targetPercent: shape[i],
    gapPoints: total > 0 ? Math.round(((count(t.key) / total) * 100 - shape[i]) * 10) / 10 : null,
  }))
  const nightly = await nightlyTierFigures(ctx)
  const links = await whatIfLinks(ctx, shape, rows.length > 0 ? pyramid.map((p) => p.members) : [])
  if (links === null) notices.push({ tone: 'info', text: '门槛试算建议需要夜间统计的成长值分布，首次夜间统计后出现' })
  return {
    notices,
    figures: [
      figure('members', '会员总数', total, 'count', `截至 ${range.asOf}`),
      figure(
        'topTierShare',
        `${top.name}占比`,
        topShare,
        'percent',
        `超过 ${topTierWarningPercent}% 时最高等级不再稀缺`,
        topShare !== null && topShare > topTierWarningPercent ? 'warning' : 'normal',
      ),
      ...nightly,
    ],
    table: table(
      'pyramid',
      '等级金字塔与目标',
      [
        column('tier', '等级', 'text'),
        column('members', '人数', 'count'),
        column('sharePercent', '占比(%)', 'percent'),
        column('targetPercent', '目标(%)', 'percent'),
        column('gapPoints', '差距(百分点)', 'percent'),
      ],
      total > 0 ? pyramid : [],
      { kind: 'grouped_bar', x: 'tier', series: ['sharePercent', 'targetPercent'] },
    ),
    links: links ?? [],
  }
}

/** Near the next threshold and retain at risk: only the nightly run knows them, so read its latest day in range. */
async function nightlyTierFigures(ctx: ReportContext): Promise<ReportFigure[]> {
  const { db, range, rules } = ctx
  const day = await db
    .selectFrom('snapshot_tier_members')
    .select((eb) => eb.fn.max('business_day').as('day'))
    .where('near_next', 'is not', null)
    .where('business_day', '>=', range.from)
    .where('business_day', '<=', range.to)
    .executeTakeFirst()
  const rows = day?.day
    ? await db
        .selectFrom('snapshot_tier_members')
        .select(['tier_key', 'members', 'near_next', 'retain_at_risk_30d'])
        .where('business_day', '=', day.day)
        .execute()
    : []
  const top = rules.tiers[rules.tiers.length - 1].key
  const below = rows.filter((r) => r.tier_key !== top)
  const near = below.reduce((s, r) => s + num(r.near_next), 0)
  const belowMembers = below.reduce((s, r) => s + num(r.members), 0)
  const atRisk = rows.reduce((s, r) => s + num(r.retain_at_risk_30d), 0)
  const hint = day?.day ? `${day.day} 夜间统计` : '仅夜间统计生成，所选范围内没有'
  return [
    figure(
      'nearNextShare',
      '距下一等级 20% 以内',
      day?.day ? percent(near, belowMembers) : null,
      'percent',
      `${near} 人；${hint}`,
    ),
    figure(
      'retainAtRisk',
      '30 天内保级有风险',
      day?.day ? atRisk : null,
      'count',
      hint,
      atRisk > 0 ? 'warning' : 'normal',
    ),
  ]
}

/**
 * For each tier above the entry tier whose share of members at or above it misses the target by 5 points or more:
 * the counted growth at the matching percentile as a threshold to try. Null when no percentiles are recorded.
 */
async function whatIfLinks(ctx: ReportContext, shape: number[], members: number[]) {
  const row = await ctx.db
    .selectFrom('snapshot_days')
    .select('growth_quantiles')
    .where('growth_quantiles', 'is not', null)
    .where('business_day', '<=', ctx.range.to)
    .orderBy('business_day', 'desc')
    .limit(1)
    .executeTakeFirst()
  if (!row?.growth_quantiles) return null
  const quantiles = JSON.parse(row.growth_quantiles) as number[]
  const total = members.reduce((a, b) => a + b, 0)
  if (total === 0 || quantiles.length !== 21) return []
  const links: ReportAnswer['links'] = []
  ctx.rules.tiers.forEach((tier, i) => {
    if (i === 0) return
    const targetAbove = shape.slice(i).reduce((a, b) => a + b, 0)
    const actualAbove = (members.slice(i).reduce((a, b) => a + b, 0) / total) * 100
    if (Math.abs(actualAbove - targetAbove) < 5) return
    const suggested = Math.round(quantiles[Math.round((100 - targetAbove) / 5)])
    const previous = ctx.rules.tiers[i - 1].threshold
    if (suggested === tier.threshold || suggested <= previous) return
    links.push({
      label: `试算：${tier.name}门槛 ${tier.threshold} → ${suggested}（目标占比 ${targetAbove}% 及以上）`,
      route: 'merchantDraft',
      query: { tier: tier.key, threshold: String(suggested) },
    })
  })
  return links
}
