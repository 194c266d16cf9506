import { clvFormulaText, rfmGroups, type ProgramRules } from '@mc/shared'
import {
  column,
  figure,
  latestScoredDay,
  num,
  percent,
  pivot,
  table,
  tierColumns,
  type ReportBody,
  type ReportContext,
} from './report-kit'

export interface SegmentRow {
  segment: string
  tier_key: string
  members: number
  monetary_fen: number
  clv_fen: number
}

/** One dimension of the latest scored day up to the range's end; scores are nightly, so older days have none. */
export async function latestSegments(ctx: ReportContext, dimension: 'rfm' | 'lifecycle' | 'tag') {
  const day = await latestScoredDay(ctx, 'snapshot_segments')
  if (day === null) return { day, rows: [] as SegmentRow[] }
  const rows = await ctx.db
    .selectFrom('snapshot_segments')
    .select(['segment', 'tier_key', 'members', 'monetary_fen', 'clv_fen'])
    .where('business_day', '=', day)
    .where('dimension', '=', dimension)
    .execute()
  return {
    day,
    rows: rows.map((r) => ({
      ...r,
      members: num(r.members),
      monetary_fen: num(r.monetary_fen),
      clv_fen: num(r.clv_fen),
    })),
  }
}

export const notScoredText = '会员评分由夜间统计生成，还没有评分结果'

/** Segment × tier counts, one row per segment in `order` (others after), one column per tier. */
export function segmentByTier(
  rows: SegmentRow[],
  rules: ProgramRules,
  label: (segment: string) => string,
  order: string[],
  only?: string,
) {
  const tiers = tierColumns(rules, only)
  const keys = tiers.map((t) => t.key)
  const entries = rows
    .filter((r) => keys.includes(r.tier_key))
    .flatMap((r) => [
      { row: r.segment, column: r.tier_key, value: r.members },
      { row: r.segment, column: 'total', value: r.members },
    ])
  const pivoted = pivot(entries, 'segmentKey', [...keys, 'total'], rows.length > 0 ? order : [])
  return {
    tiers,
    keys,
    rows: pivoted.map(({ segmentKey, ...rest }) => ({ segment: label(String(segmentKey)), ...rest })),
  }
}

const groupLabel = (key: string) =>
  rfmGroups.find((g) => g.key === key)?.label ?? (key === 'none' ? '窗口内无订单' : key)

/**
 * RFM × tiers: the eight classic groups (and members with no order in the window) crossed with tiers, each group's
 * spend and CLV, and links to the lists a merchant acts on, such as the upper tiers' 重要挽留.
 */
export async function rfmReport(ctx: ReportContext): Promise<ReportBody> {
  const { rules, settings, query } = ctx
  const { day, rows } = await latestSegments(ctx, 'rfm')
  const order = [...rfmGroups.map((g) => g.key), 'none']
  const cross = segmentByTier(rows, rules, groupLabel, order, query.tier)
  const inTier = rows.filter((r) => query.tier === undefined || r.tier_key === query.tier)
  const total = inTier.reduce((s, r) => s + r.members, 0)
  const groups = order
    .map((key) => {
      const mine = inTier.filter((r) => r.segment === key)
      const members = mine.reduce((s, r) => s + r.members, 0)
      const monetary = mine.reduce((s, r) => s + r.monetary_fen, 0)
      const clv = mine.reduce((s, r) => s + r.clv_fen, 0)
      return {
        group: groupLabel(key),
        members,
        sharePercent: percent(members, total),
        monetaryFen: monetary,
        avgMonetaryFen: members > 0 ? Math.round(monetary / members) : null,
        avgClvFen: members > 0 ? Math.round(clv / members) : null,
      }
    })
    .filter(() => rows.length > 0)
  const scored = inTier.filter((r) => r.segment !== 'none')
  const clvTotal = scored.reduce((s, r) => s + r.clv_fen, 0)
  const links = rules.tiers.slice(1).flatMap((tier) => {
    const n = rows.find((r) => r.segment === 'important_retain' && r.tier_key === tier.key)?.members ?? 0
    return n > 0
      ? [
          {
            label: `${tier.name} · 重要挽留 ${n} 人`,
            route: 'merchantInsightMembers',
            query: { rfmGroup: 'important_retain', tier: tier.key },
          },
        ]
      : []
  })
  const insufficient = day === null ? notScoredText : null
  return {
    notices:
      day === null
        ? [{ tone: 'info', text: notScoredText }]
        : [{ tone: 'info', text: `评分日期 ${day}，近 ${settings.rfmWindowDays} 天的订单（扣除退款）` }],
    figures: [
      figure(
        'scored',
        '有订单的会员',
        scored.reduce((s, r) => s + r.members, 0),
        'count',
        `共 ${total} 人`,
      ),
      figure('clvTotal', '预估客户终身价值合计', day === null ? null : clvTotal, 'fen', clvFormulaText(settings)),
      figure(
        'avgClv',
        '人均客户终身价值',
        scored.length > 0 ? Math.round(clvTotal / scored.reduce((s, r) => s + r.members, 0)) : null,
        'fen',
        clvFormulaText(settings),
      ),
    ],
    comparisons: [],
    tables: [
      table(
        'rfm-tier',
        'RFM 分组 × 等级',
        [column('segment', 'RFM 分组', 'text'), ...cross.tiers, column('total', '合计', 'count')],
        cross.rows,
        { kind: 'heat', x: 'segment', series: cross.keys },
        insufficient,
      ),
      table(
        'rfm-groups',
        'RFM 分组的消费与价值',
        [
          column('group', 'RFM 分组', 'text'),
          column('members', '人数', 'count'),
          column('sharePercent', '占比(%)', 'percent'),
          column('monetaryFen', '窗口消费(元)', 'fen'),
          column('avgMonetaryFen', '人均消费(元)', 'fen'),
          column('avgClvFen', '人均 CLV(元)', 'fen'),
        ],
        groups,
        { kind: 'bar', x: 'group', series: ['members'] },
        insufficient,
      ),
    ],
    links,
  }
}
