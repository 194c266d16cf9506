import type { ReportFigure, ReportTable } from '@mc/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import {
  channelStates,
  couponCounts,
  dailyCounts,
  decisionCounts,
  type armSums,
  type ResultScope,
} from './arm-outcomes'

const n = (value: unknown) => Number(value ?? 0)
const figure = (key: string, label: string, value: number | null, hint: string | null = null): ReportFigure => ({
  key,
  label,
  value,
  unit: 'count',
  hint,
  tone: 'normal',
})
const channelLabels = { inbox: '站内信', wechat: '微信订阅消息', sms: '短信' } as const
const armLabels: Record<string, string> = { A: '方案 A', B: '方案 B', holdout: '对照组' }

/** Reach, delivery per channel and coupons as headline figures. */
export async function resultFigures(db: Kysely<Database>, scope: ResultScope): Promise<ReportFigure[]> {
  const [decisions, channels, coupons] = await Promise.all([
    decisionCounts(db, scope),
    channelStates(db, scope),
    couponCounts(db, scope),
  ])
  const outcome = (o: string) => decisions.filter((d) => d.outcome === o).reduce((s, d) => s + n(d.n), 0)
  const delivered = (channel: keyof typeof channelLabels) =>
    channels.filter((c) => c.channel === channel && c.state === 'sent').reduce((s, c) => s + n(c.n), 0)
  const issued = coupons.reduce((s, c) => s + n(c.issued), 0)
  const used = coupons.reduce((s, c) => s + n(c.used), 0)
  const queued = outcome('sent') - delivered('inbox')
  return [
    figure(
      'targeted',
      '覆盖会员',
      decisions.reduce((s, d) => s + n(d.n), 0),
      `${scope.from} 至 ${scope.to}`,
    ),
    // A campaign's decided messages wait behind its delivery cursor until the drain writes them (every delivered
    // message has its inbox row), so the difference is what is still queued.
    figure('sent', '已发送', outcome('sent'), queued > 0 ? `其中 ${queued} 条排队投递中` : null),
    figure('holdout', '对照组', outcome('holdout'), '按规则不发送，用来衡量效果'),
    figure('capped', '频次上限跳过', outcome('capped')),
    figure('over_budget', '超出预算', outcome('over_budget')),
    ...(Object.keys(channelLabels) as (keyof typeof channelLabels)[]).map((c) =>
      figure(`delivered_${c}`, `${channelLabels[c]}送达`, delivered(c)),
    ),
    figure('coupons_issued', '发券', issued),
    figure('coupons_used', '已用券', used, issued > 0 ? `使用率 ${Math.round((used / issued) * 1000) / 10}%` : null),
  ]
}

/** Per arm, per channel and per day tables, each with the chart the console draws. */
export async function resultTables(
  db: Kysely<Database>,
  scope: ResultScope,
  sums: Awaited<ReturnType<typeof armSums>>,
): Promise<ReportTable[]> {
  const [decisions, channels, coupons, daily] = await Promise.all([
    decisionCounts(db, scope),
    channelStates(db, scope),
    couponCounts(db, scope),
    dailyCounts(db, scope),
  ])
  const arms = ['A', 'B', 'holdout'].filter((a) => decisions.some((d) => d.arm === a))
  const armRows = arms.map((arm) => {
    const mine = decisions.filter((d) => d.arm === arm)
    const count = (o: string) => mine.filter((d) => d.outcome === o).reduce((s, d) => s + n(d.n), 0)
    const sum = sums.find((s) => s.arm === arm)
    const c = coupons.find((x) => x.arm === arm)
    const mean = (total: number | undefined) =>
      sum && sum.members > 0 ? Math.round(((total ?? 0) / sum.members) * 100) / 100 : null
    return {
      arm: armLabels[arm],
      members: mine.reduce((s, d) => s + n(d.n), 0),
      sent: count('sent'),
      capped: count('capped'),
      overBudget: count('over_budget'),
      couponsIssued: n(c?.issued),
      couponsUsed: n(c?.used),
      meanOrders: mean(sum?.orders.sum),
      meanSpendFen: mean(sum?.spend.sum),
    }
  })
  const states = ['sent', 'pending', 'sending', 'failed', 'skipped'] as const
  const channelRows = (Object.keys(channelLabels) as (keyof typeof channelLabels)[])
    .map((channel) => ({
      channel: channelLabels[channel],
      ...Object.fromEntries(
        states.map((st) => [
          st,
          channels.filter((c) => c.channel === channel && c.state === st).reduce((s, c) => s + n(c.n), 0),
        ]),
      ),
    }))
    .filter((row) => states.some((st) => (row as Record<string, unknown>)[st] !== 0))
  const days = [...new Set(daily.map((d) => d.business_day))]
  const dayRows = days.map((day) => {
    const mine = daily.filter((d) => d.business_day === day)
    const count = (o: string) => mine.filter((d) => d.outcome === o).reduce((s, d) => s + n(d.n), 0)
    return {
      day,
      sent: count('sent'),
      holdout: count('holdout'),
      capped: count('capped'),
      overBudget: count('over_budget'),
    }
  })
  const col = (key: string, label: string, unit: ReportTable['columns'][number]['unit']) => ({ key, label, unit })
  const table = (t: Omit<ReportTable, 'insufficient'>): ReportTable => ({
    ...t,
    insufficient: t.rows.length === 0 ? '所选范围内没有数据' : null,
  })
  return [
    table({
      key: 'arms',
      title: '各组对比',
      columns: [
        col('arm', '分组', 'text'),
        col('members', '会员', 'count'),
        col('sent', '已发送', 'count'),
        col('capped', '频次上限跳过', 'count'),
        col('overBudget', '超出预算', 'count'),
        col('couponsIssued', '发券', 'count'),
        col('couponsUsed', '已用券', 'count'),
        col('meanOrders', '人均订单数', 'count'),
        col('meanSpendFen', '人均消费', 'fen'),
      ],
      rows: armRows,
      chart: { kind: 'bar', x: 'arm', series: ['meanSpendFen'] },
    }),
    table({
      key: 'channels',
      title: '各渠道送达',
      columns: [
        col('channel', '渠道', 'text'),
        col('sent', '已送达', 'count'),
        col('pending', '等待发送', 'count'),
        col('sending', '发送中', 'count'),
        col('failed', '失败', 'count'),
        col('skipped', '跳过', 'count'),
      ],
      rows: channelRows,
      chart: { kind: 'stacked_bar', x: 'channel', series: ['sent', 'pending', 'sending', 'failed', 'skipped'] },
    }),
    table({
      key: 'daily',
      title: '每日决定',
      columns: [
        col('day', '日期', 'text'),
        col('sent', '已发送', 'count'),
        col('holdout', '对照组', 'count'),
        col('capped', '频次上限跳过', 'count'),
        col('overBudget', '超出预算', 'count'),
      ],
      rows: dayRows,
      chart: { kind: 'line', x: 'day', series: ['sent', 'holdout'] },
    }),
  ]
}
