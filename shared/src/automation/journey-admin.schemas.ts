import { z } from 'zod'
import { Channel, MessageCategory } from '../outreach/outreach.schemas'
import { JourneyKey, MessageCopy } from './journeys'

/** One journey in the console's rules list: its settings' headline fields and its last 30 days. */
export const JourneyListItem = z.strictObject({
  key: JourneyKey,
  label: z.string(),
  enabled: z.boolean(),
  holdoutPercent: z.number().int(),
  copy: MessageCopy,
  category: MessageCategory,
  /** The `{占位符}` names its copy may use. */
  placeholders: z.array(z.string()),
  /** Decisions in the last 30 days by outcome (holdout: recorded as "would have been sent", nothing sent). */
  last30Days: z.strictObject({ sent: z.number().int(), holdout: z.number().int(), capped: z.number().int() }),
})
export type JourneyListItem = z.infer<typeof JourneyListItem>

export const JourneyList = z.strictObject({ journeys: z.array(JourneyListItem) }).meta({ id: 'JourneyList' })
export type JourneyList = z.infer<typeof JourneyList>

export const JourneyKeyParam = z.strictObject({ key: z.string().min(1).max(32) })

/** POST …/journeys/{key}/preview: a member to preview with (else one the rule would pick today), and unsaved copy. */
export const JourneyPreviewBody = z.strictObject({
  memberId: z.string().min(1).max(40).optional(),
  copy: MessageCopy.optional(),
})
export type JourneyPreviewBody = z.infer<typeof JourneyPreviewBody>

/** The copy rendered with one real member's values, and the channels that member would get it on now. */
export const JourneyPreview = z
  .strictObject({
    member: z.strictObject({ id: z.string(), nickname: z.string() }),
    /** 'due': the rule would pick this member today; 'chosen': the member asked for; 'sample': any member. */
    source: z.enum(['due', 'chosen', 'sample']),
    title: z.string(),
    body: z.string(),
    values: z.record(z.string(), z.string()),
    channels: z.array(Channel),
  })
  .meta({ id: 'JourneyPreview' })
export type JourneyPreview = z.infer<typeof JourneyPreview>
