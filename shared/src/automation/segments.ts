import { z } from 'zod'
import { lifecycleStages, rfmGroups } from '../analytics/insights.schemas'

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期格式为 YYYY-MM-DD / expected YYYY-MM-DD' })
const range = (min: number, max: number) =>
  z
    .strictObject({
      min: z.number().int().min(min).max(max).optional(),
      max: z.number().int().min(min).max(max).optional(),
    })
    .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, {
      path: ['max'],
      message: '上限不能小于下限 / max must not be below min',
    })

/**
 * A segment: every field is optional and the fields are ANDed; a list field matches any of its values. Evaluated
 * at send time over members as they are then (tiers, the nightly RFM scores and tags, orders, sign-ins, points).
 */
export const SegmentFilter = z
  .strictObject({
    tiers: z.array(z.string().min(1).max(32)).min(1).max(20).optional(),
    rfmGroups: z
      .array(z.enum(rfmGroups.map((g) => g.key) as [string, ...string[]]))
      .min(1)
      .optional(),
    lifecycles: z.array(z.enum(lifecycleStages)).min(1).optional(),
    /** The member has at least one of these tags. */
    tagsAny: z.array(z.string().min(1).max(32)).min(1).max(20).optional(),
    /** Business days since the last credited order (webhook or till); members who never ordered have no value. */
    daysSinceLastOrder: range(0, 3650).optional(),
    /** Only members who have never ordered. */
    neverOrdered: z.boolean().optional(),
    /** The store whose QR the member joined through. */
    outletIds: z.array(z.string().min(1).max(40)).min(1).max(50).optional(),
    birthdayMonths: z.array(z.number().int().min(1).max(12)).min(1).max(12).optional(),
    pointsBalance: range(-100_000_000, 100_000_000).optional(),
    joinedBetween: z
      .strictObject({ from: day.optional(), to: day.optional() })
      .refine((r) => r.from === undefined || r.to === undefined || r.from <= r.to, {
        path: ['to'],
        message: '结束日期不能早于开始日期 / to must not be before from',
      })
      .optional(),
    /** Signed in at least once in the last N business days. */
    signedInWithinDays: z.number().int().min(1).max(365).optional(),
  })
  .refine((f) => !(f.neverOrdered && f.daysSinceLastOrder), {
    path: ['neverOrdered'],
    message: '"从未下单"不能与"距上次下单天数"同时使用 / neverOrdered excludes daysSinceLastOrder',
  })
  .meta({ id: 'SegmentFilter' })
export type SegmentFilter = z.infer<typeof SegmentFilter>

export const SegmentBody = z.strictObject({ name: z.string().trim().min(1).max(40), filter: SegmentFilter })
export type SegmentBody = z.infer<typeof SegmentBody>

/** POST /api/admin/segments/preview: the count and a sample, as the builder is edited. */
export const SegmentPreviewBody = z.strictObject({ filter: SegmentFilter })
export const SegmentPreview = z
  .strictObject({
    count: z.number().int(),
    sample: z
      .array(
        z.strictObject({
          memberId: z.string(),
          nickname: z.string().nullable(),
          phoneMasked: z.string().nullable(),
          tierName: z.string().nullable(),
          rfmGroup: z.string().nullable(),
          pointsBalance: z.number().int(),
          lastOrderDay: z.string().nullable(),
        }),
      )
      .max(20),
  })
  .meta({ id: 'SegmentPreview' })
export type SegmentPreview = z.infer<typeof SegmentPreview>

export const SegmentView = z
  .strictObject({
    id: z.string(),
    name: z.string(),
    filter: SegmentFilter,
    /** The filter in words, e.g. 黄金及以上 · 重要挽留 · 30 天未下单. */
    summary: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'SegmentView' })
export type SegmentView = z.infer<typeof SegmentView>
