import { z } from 'zod'

// The contract of the insights reports (issue 12). Every report answers the same shape, `ReportAnswer`: headline
// figures, notices, comparisons and tables; each chart is drawn from one of the tables, so every chart's numbers are
// always beside it as a table and in the CSV export.

const whole = (min: number, max: number) => z.number().int().min(min).max(max)
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期格式应为 YYYY-MM-DD' })

/** The reports, in the order the console lists them. */
export const reportKeys = [
  'tier-health',
  'points-economy',
  'benefit-effect',
  'store-funnel',
  'sign-in',
  'rfm',
  'tags',
] as const
export const ReportKey = z.enum(reportKeys)
export type ReportKey = z.infer<typeof ReportKey>

export const reportTitles: Record<ReportKey, string> = {
  'tier-health': '等级健康度',
  'points-economy': '积分经济',
  'benefit-effect': '权益效果',
  'store-funnel': '门店扫码漏斗',
  'sign-in': '签到分析',
  rfm: 'RFM × 等级',
  tags: '行为标签',
}

/** The longest range a report covers in one request (a year and a day, so a leap year fits). */
export const maxReportRangeDays = 366

/**
 * Query of every report: an inclusive business-day range (defaults: the 30 days up to the latest snapshot), and the
 * optional narrowing some reports honour (tier for tier health and RFM, store for the funnel, the migration period).
 */
export const ReportQuery = z.strictObject({
  from: isoDay.optional(),
  to: isoDay.optional(),
  tier: z.string().min(1).max(32).optional(),
  outletId: z.string().min(1).max(40).optional(),
  /** Tier migration matrix period: the 30, 90 or 365 days ending `to`. */
  periodDays: z.enum(['30', '90', '365']).optional(),
})
export type ReportQuery = z.infer<typeof ReportQuery>

export const CsvQuery = ReportQuery.extend({ table: z.string().min(1).max(40) })
export type CsvQuery = z.infer<typeof CsvQuery>

/** How a column's numbers read: counts, fen (shown as ¥), points, percent (a number 0–100), days or text. */
export const ColumnUnit = z.enum(['count', 'fen', 'points', 'percent', 'days', 'text'])
export type ColumnUnit = z.infer<typeof ColumnUnit>

export const ReportTable = z.strictObject({
  /** Stable key: the CSV route's `table` parameter and the browser tests' handle. */
  key: z.string(),
  title: z.string(),
  columns: z.array(z.strictObject({ key: z.string(), label: z.string(), unit: ColumnUnit })),
  rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))),
  /** The chart drawn from this table, or null when the table is the view (a heat table is a table). */
  chart: z
    .strictObject({
      kind: z.enum(['stacked_area', 'line', 'bar', 'grouped_bar', 'stacked_bar', 'heat', 'pie']),
      /** Column whose values run along the x axis (or label the slices). */
      x: z.string(),
      /** Columns drawn as series. */
      series: z.array(z.string()),
    })
    .nullable(),
  /** When the table has too little data to draw honestly, why (the table still lists what there is). */
  insufficient: z.string().nullable(),
})
export type ReportTable = z.infer<typeof ReportTable>

export const ReportFigure = z.strictObject({
  key: z.string(),
  label: z.string(),
  value: z.number().nullable(),
  unit: ColumnUnit,
  /** One line under the figure: how it is computed, or what it is compared with. */
  hint: z.string().nullable(),
  /** 'warning' draws it in the warning colour (e.g. the top tier above 30%). */
  tone: z.enum(['normal', 'good', 'warning']),
})
export type ReportFigure = z.infer<typeof ReportFigure>

/** One arm of a comparison: members and the mean orders and spend (fen) per member over the window. */
export const ComparisonArm = z.strictObject({
  label: z.string(),
  members: z.number().int(),
  meanOrders: z.number().nullable(),
  meanSpendFen: z.number().nullable(),
})

/**
 * A difference of means with its 95% interval. `verdict` is 'insufficient' (样本不足) when the groups are too small
 * for the interval to exclude zero at the observed effect; `membersNeeded` then says how many per group would do.
 */
export const Comparison = z.strictObject({
  key: z.string(),
  title: z.string(),
  windowDays: z.number().int(),
  /** 'holdout' when the control is a random holdout (shown first); 'self_selected' when members chose themselves. */
  design: z.enum(['holdout', 'self_selected']),
  treated: ComparisonArm,
  control: ComparisonArm,
  metric: z.enum(['orders', 'spend_fen']),
  difference: z.number().nullable(),
  ciLow: z.number().nullable(),
  ciHigh: z.number().nullable(),
  verdict: z.enum(['higher', 'lower', 'no_clear_difference', 'insufficient']),
  membersNeeded: z.number().int().nullable(),
  caveat: z.string().nullable(),
})
export type Comparison = z.infer<typeof Comparison>

export const ReportAnswer = z
  .strictObject({
    report: ReportKey,
    title: z.string(),
    /** The range the answer covers (after defaults) and the snapshot day it reads up to. */
    from: isoDay,
    to: isoDay,
    asOf: isoDay,
    /** Days with a snapshot: the range pickers' bounds. */
    dataFrom: isoDay,
    dataTo: isoDay,
    notices: z.array(z.strictObject({ tone: z.enum(['info', 'warning']), text: z.string() })),
    figures: z.array(ReportFigure),
    comparisons: z.array(Comparison),
    tables: z.array(ReportTable),
    /** Links the page offers, e.g. a what-if into the simulator: a console route and its query. */
    links: z.array(z.strictObject({ label: z.string(), route: z.string(), query: z.record(z.string(), z.string()) })),
  })
  .meta({ id: 'ReportAnswer' })
export type ReportAnswer = z.infer<typeof ReportAnswer>

/** The merchant's insight settings; every field has a default, so a fresh install reads sensible numbers. */
export const InsightSettings = z
  .strictObject({
    /** What 100 points are worth to the merchant, in fen (default ¥1): liability in yuan is points × this / 100. */
    pointValueFenPer100: whole(0, 100_000).default(100),
    /** Target share per tier in percent, lowest first; null takes the default shape for the tier count. */
    targetShapePercents: z.array(whole(0, 100)).min(3).max(5).nullable().default(null),
    /** RFM scores orders over this many days. */
    rfmWindowDays: whole(30, 1095).default(365),
    /** Lifecycle: new within `newDays` of joining; active / dormant / lapsed by days since the last order. */
    lifecycle: z
      .strictObject({ newDays: whole(1, 365), activeDays: whole(1, 730), dormantDays: whole(2, 1095) })
      .refine((l) => l.activeDays < l.dormantDays, { error: '沉睡天数必须大于活跃天数' })
      .default({ newDays: 30, activeDays: 90, dormantDays: 180 }),
    /** A category tag when the category's share of spend over the window reaches the percent. */
    categoryTags: z
      .strictObject({ windowDays: whole(30, 730), minSharePercent: whole(1, 100) })
      .default({ windowDays: 180, minSharePercent: 40 }),
    /** CLV = annual spend × expected years as a customer. */
    clvExpectedYears: whole(1, 20).default(3),
  })
  .meta({ id: 'InsightSettings' })
export type InsightSettings = z.infer<typeof InsightSettings>

/** The default pyramid: 50/30/15/5 for four tiers, and the same spirit for three and five. */
export const defaultTargetShapes: Record<number, number[]> = {
  3: [60, 30, 10],
  4: [50, 30, 15, 5],
  5: [45, 28, 15, 8, 4],
}

/** The eight classic RFM groups, keyed by whether R, F and M are high (score 4 or 5). */
export const rfmGroups = [
  { key: 'important_value', label: '重要价值', r: true, f: true, m: true },
  { key: 'important_develop', label: '重要发展', r: true, f: false, m: true },
  { key: 'important_keep', label: '重要保持', r: false, f: true, m: true },
  { key: 'important_retain', label: '重要挽留', r: false, f: false, m: true },
  { key: 'general_value', label: '一般价值', r: true, f: true, m: false },
  { key: 'general_develop', label: '一般发展', r: true, f: false, m: false },
  { key: 'general_keep', label: '一般保持', r: false, f: true, m: false },
  { key: 'general_retain', label: '一般挽留', r: false, f: false, m: false },
] as const
export type RfmGroupKey = (typeof rfmGroups)[number]['key']

export const lifecycleStages = ['new', 'active', 'dormant', 'lapsed'] as const
export type LifecycleStage = (typeof lifecycleStages)[number]
export const lifecycleLabels: Record<LifecycleStage, string> = {
  new: '新会员',
  active: '活跃',
  dormant: '沉睡',
  lapsed: '流失',
}

/** A member's insights on the member detail page (null fields: not scored yet, or no order in the window). */
export const MemberInsight = z
  .strictObject({
    asOf: isoDay.nullable(),
    rfmGroup: z.string().nullable(),
    rfmGroupLabel: z.string().nullable(),
    scores: z.strictObject({ r: z.number().int(), f: z.number().int(), m: z.number().int() }).nullable(),
    lifecycle: z.enum(lifecycleStages).nullable(),
    lifecycleLabel: z.string().nullable(),
    clvFen: z.number().int().nullable(),
    lastOrderDay: isoDay.nullable(),
    tags: z.array(z.strictObject({ tag: z.string(), source: z.enum(['category', 'manual']) })),
  })
  .meta({ id: 'MemberInsight' })
export type MemberInsight = z.infer<typeof MemberInsight>

/** An operator's tag: short, no spaces at the ends, no prefix the nightly job owns. */
export const ManualTagBody = z.strictObject({
  tag: z
    .string()
    .trim()
    .min(1, { error: '标签不能为空' })
    .max(16, { error: '标签最多 16 个字' })
    .refine((t) => !t.startsWith('偏好:'), { error: '“偏好:”开头的标签由系统维护' }),
})

/** One of the owner's weekly actions: what, its numbers, and where one tap goes. */
export const WeeklyAction = z.strictObject({
  key: z.string(),
  text: z.string(),
  figure: z.number(),
  unit: ColumnUnit,
  action: z.strictObject({ label: z.string(), route: z.string(), query: z.record(z.string(), z.string()) }),
})
export const WeeklyActions = z
  .strictObject({ weekOf: isoDay.nullable(), asOf: isoDay.nullable(), actions: z.array(WeeklyAction) })
  .meta({ id: 'WeeklyActions' })
export type WeeklyActions = z.infer<typeof WeeklyActions>
