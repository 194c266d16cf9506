import { z } from 'zod'
import { pageLimit } from '../api/page-query'
import { lifecycleStages, rfmGroups } from './insights.schemas'

// The list a merchant acts on ("黄金 but 重要挽留"): members narrowed by their nightly scores, tags and tier.

const rfmGroupKeys = rfmGroups.map((g) => g.key) as [string, ...string[]]

export const InsightMembersQuery = z.strictObject({
  rfmGroup: z.enum(rfmGroupKeys).optional(),
  lifecycle: z.enum(lifecycleStages).optional(),
  tag: z.string().min(1).max(32).optional(),
  tier: z.string().min(1).max(32).optional(),
  cursor: z
    .string()
    .regex(/^[a-z]{3}_[0-9A-Z]{26}$/, { error: '无效的分页游标 / invalid cursor' })
    .optional(),
  limit: pageLimit(50, 20),
})
export type InsightMembersQuery = z.input<typeof InsightMembersQuery>

/** One member of the list: masked phone like the member search, the tier, and the nightly scores. */
export const InsightMemberRow = z.strictObject({
  id: z.string(),
  nickname: z.string(),
  phone: z.string().nullable(),
  phoneMasked: z.boolean(),
  tier: z.strictObject({ key: z.string(), name: z.string() }),
  rfmGroup: z.string().nullable(),
  rfmGroupLabel: z.string().nullable(),
  lifecycle: z.enum(lifecycleStages),
  lifecycleLabel: z.string(),
  lastOrderDay: z.string().nullable(),
  /** Spend over the RFM window and the CLV estimate, in fen. */
  monetaryFen: z.number().int(),
  clvFen: z.number().int(),
})
export type InsightMemberRow = z.infer<typeof InsightMemberRow>

export const InsightMembersPage = z
  .strictObject({
    /** The scoring day the list reflects; null before the nightly job first scored. */
    asOf: z.string().nullable(),
    members: z.array(InsightMemberRow),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'InsightMembersPage' })
export type InsightMembersPage = z.infer<typeof InsightMembersPage>
