import { z } from 'zod'
import { awardForEvent } from '../earning/earning'
import { OrderMember } from '../orders/order-event'
import type { EarningSource } from '../program/program-rules'

/** The tasks a member can do for growth and points, in the order the tasks page lists them. */
export const taskKeys = ['profile_completed', 'first_order', 'sign_in', 'share', 'review'] as const
export type TaskKey = (typeof taskKeys)[number]

/** Growth and points, whole numbers. */
export const TaskAmounts = z.strictObject({ growth: z.number().int(), points: z.number().int() })
export type TaskAmounts = z.infer<typeof TaskAmounts>

/** One task as the tasks page shows it. */
export const MemberTask = z.strictObject({
  key: z.enum(taskKeys),
  /** What the member reads, in Chinese. */
  title: z.string(),
  /** once: done at most once (per member); daily: again each business day, up to the cap. */
  cadence: z.enum(['once', 'daily']),
  /** What one completion credits under the published rules. */
  reward: TaskAmounts,
  /** Most a daily task credits in one business day; null when there is no cap (or the task is once). */
  dailyCap: TaskAmounts.nullable(),
  /** What a daily task credited today; null for a once task. */
  earnedToday: TaskAmounts.nullable(),
  /** once: done and not taken back; daily: done today (for a capped task: the cap is reached). */
  done: z.boolean(),
})
export type MemberTask = z.infer<typeof MemberTask>

/** GET /api/me/tasks. */
export const MemberTasksResponse = z.strictObject({ businessDay: z.string(), tasks: z.array(MemberTask) })
export type MemberTasksResponse = z.infer<typeof MemberTasksResponse>

/** POST /api/me/tasks/share: what this share credited (zero once today's cap is reached). */
export const ShareTaskResponse = z.strictObject({ businessDay: z.string(), rewarded: TaskAmounts })
export type ShareTaskResponse = z.infer<typeof ShareTaskResponse>

/**
 * The daily limit of a share: the rules' dailyCap, or one share's reward when the rules set none. WeChat never
 * confirms that a share happened, so without some cap the callback could be called for points without end.
 */
export function shareDailyCap(source: EarningSource): number {
  return source.dailyCap ?? awardForEvent(source)
}

/**
 * The shop's `review.published` event at POST /webhooks/reviews: the envelope, signature, timestamp window and
 * idempotency by event id of the order webhook (DESIGN.md §6); each review is credited once whatever its event id.
 */
export const ReviewEvent = z.strictObject({
  id: z.string().min(1).max(128),
  type: z.literal('review.published'),
  occurredAt: z.iso.datetime({ offset: true }),
  data: z.strictObject({
    reviewId: z.string().min(1).max(128),
    /** The order reviewed, if the shop reviews orders; kept in the entry's reason only. */
    orderId: z.string().min(1).max(128).optional(),
    member: OrderMember,
  }),
})
export type ReviewEvent = z.infer<typeof ReviewEvent>

/** The webhook's answer, also for every replay of the same event id. */
export const ReviewEventOutcome = z.strictObject({
  eventId: z.string(),
  reviewId: z.string(),
  /** applied: credited now (perhaps 0 once the day's cap is reached); duplicate_review: this review was credited. */
  status: z.enum(['applied', 'duplicate_review']),
  memberId: z.string(),
  growth: z.number().int(),
  points: z.number().int(),
})
export type ReviewEventOutcome = z.infer<typeof ReviewEventOutcome>
