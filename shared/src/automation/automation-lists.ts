import { z } from 'zod'
import { pageCursor, pageLimit } from '../api/page-query'
import { ReportAnswer } from '../analytics/insights.schemas'
import { CampaignView } from './campaigns'
import { SegmentView } from './segments'

/** GET /api/admin/segments: the saved segments that are not archived, newest first. */
export const SegmentList = z.strictObject({ segments: z.array(SegmentView) }).meta({ id: 'SegmentList' })
export type SegmentList = z.infer<typeof SegmentList>

/** GET /api/admin/campaigns: newest first, a page at a time; `cursor` is the last id of the previous page. */
export const CampaignListQuery = z.strictObject({
  cursor: pageCursor('cmp'),
  limit: pageLimit(100, 20),
})
export type CampaignListQuery = z.infer<typeof CampaignListQuery>

export const CampaignPage = z
  .strictObject({ campaigns: z.array(CampaignView), nextCursor: z.string().nullable() })
  .meta({ id: 'CampaignPage' })
export type CampaignPage = z.infer<typeof CampaignPage>

/** GET …/results: the business days of the decisions to count; both default to the source's whole history. */
export const AutomationResultsQuery = z.strictObject({
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
})
export type AutomationResultsQuery = z.infer<typeof AutomationResultsQuery>

/** `:id` of a segment or a campaign. */
export const AutomationIdParam = z.strictObject({ id: z.string().min(1).max(40) })

/**
 * The results of a journey or a campaign: the insights reports' shape (figures, comparisons, tables with their
 * charts), so the console draws them with the same components; `report` says which kind of source it is.
 */
export const AutomationResults = ReportAnswer.omit({ report: true })
  .extend({ report: z.enum(['journey', 'campaign']), sourceId: z.string() })
  .meta({ id: 'AutomationResults' })
export type AutomationResults = z.infer<typeof AutomationResults>
