import { categoryTagPrefix, lifecycleLabels, lifecycleStages } from '@mc/shared'
import { column, figure, table, type ReportBody, type ReportContext } from './report-kit'
import { latestSegments, notScoredText, segmentByTier } from './rfm'

const stageLabel = (stage: string) => lifecycleLabels[stage as keyof typeof lifecycleLabels] ?? stage

/**
 * Behaviour tags: members per tag (category preferences the nightly job keeps, and operators' manual tags), tag ×
 * tier, and lifecycle stage × tier, all from the latest scoring day up to the range's end.
 */
export async function tagsReport(ctx: ReportContext): Promise<ReportBody> {
  const { rules, query, settings } = ctx
  const tags = await latestSegments(ctx, 'tag')
  const stages = await latestSegments(ctx, 'lifecycle')
  const inTier = (r: { tier_key: string }) => query.tier === undefined || r.tier_key === query.tier
  const perTag = new Map<string, number>()
  for (const r of tags.rows.filter(inTier)) perTag.set(r.segment, (perTag.get(r.segment) ?? 0) + r.members)
  const tagRows = [...perTag.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([tag, members]) => ({ tag, source: tag.startsWith(categoryTagPrefix) ? '品类偏好' : '人工', members }))
  const tagOrder = tagRows.map((r) => r.tag)
  const tagCross = segmentByTier(tags.rows, rules, (s) => s, tagOrder, query.tier)
  const stageCross = segmentByTier(stages.rows, rules, stageLabel, [...lifecycleStages], query.tier)
  const stageCount = (stage: string) =>
    stages.rows.filter((r) => r.segment === stage && inTier(r)).reduce((s, r) => s + r.members, 0)
  const insufficient = tags.day === null ? notScoredText : null
  const { lifecycle, categoryTags } = settings
  return {
    notices: [
      tags.day === null
        ? { tone: 'info', text: notScoredText }
        : {
            tone: 'info',
            text:
              `评分日期 ${tags.day}。新会员：入会 ${lifecycle.newDays} 天内；活跃：${lifecycle.activeDays} 天内有订单；` +
              `沉睡：${lifecycle.dormantDays} 天内有订单；更久为流失。` +
              `品类偏好：近 ${categoryTags.windowDays} 天某品类消费占比达 ${categoryTags.minSharePercent}%`,
          },
    ],
    figures: lifecycleStages.map((stage) =>
      figure(stage, lifecycleLabels[stage], tags.day === null ? null : stageCount(stage), 'count'),
    ),
    comparisons: [],
    tables: [
      table(
        'tags',
        '各标签人数',
        [column('tag', '标签', 'text'), column('source', '来源', 'text'), column('members', '人数', 'count')],
        tagRows,
        { kind: 'bar', x: 'tag', series: ['members'] },
        insufficient,
      ),
      table(
        'tag-tier',
        '标签 × 等级',
        [column('segment', '标签', 'text'), ...tagCross.tiers, column('total', '合计', 'count')],
        tagCross.rows,
        { kind: 'heat', x: 'segment', series: tagCross.keys },
        insufficient,
      ),
      table(
        'lifecycle-tier',
        '生命周期 × 等级',
        [column('segment', '生命周期', 'text'), ...stageCross.tiers, column('total', '合计', 'count')],
        stageCross.rows,
        { kind: 'stacked_bar', x: 'segment', series: stageCross.keys },
        stages.day === null ? notScoredText : null,
      ),
    ],
    links: lifecycleStages
      .filter((stage) => stage === 'dormant' || stage === 'lapsed')
      .map((stage) => ({
        label: `${lifecycleLabels[stage]}会员名单`,
        route: 'merchantInsightMembers',
        query: { lifecycle: stage, ...(query.tier ? { tier: query.tier } : {}) },
      })),
  }
}
