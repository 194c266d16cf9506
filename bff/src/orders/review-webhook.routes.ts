import { ReviewEvent, ReviewEventOutcome } from '@mc/shared'
import { Hono } from 'hono'
import type { AppEnv } from '../deps'
import { runIdempotent } from '../http/idempotency'
import { bodyIsJson, requireShopSignature } from '../http/require-signature'
import { validate } from '../http/validate'
import { documentRoute } from '../openapi/document-route'
import { publishedProgram } from '../program/published-program'
import { creditReview } from '../tasks/credit-review'
import { refuseIfClosed, resolveOrderMember } from './resolve-member'

/**
 * POST /webhooks/reviews: the shop's `review.published` event, in the order webhook's envelope and under its rules
 * (DESIGN.md §6): signed over the raw bytes, a timestamp within 300 s, each event id applied once and its first
 * answer replayed, the same id with other content a 409. It lives beside the order webhook because it shares its
 * member keys; the review task's credit itself is the tasks domain's.
 */
export const reviewWebhookRoutes = new Hono<AppEnv>().post(
  '/reviews',
  documentRoute({
    summary: 'Review events from the shop (review.published)',
    description:
      'The order webhook’s envelope, signature, timestamp window and idempotency by event id. Credits the rules’ ' +
      '`review` growth and points once per review, capped per business day; a second event for a review already ' +
      'credited answers `duplicate_review`.',
    auth: 'webhook-signature',
    ok: { 200: { description: 'The outcome, also for a replay of the same id', schema: ReviewEventOutcome } },
    errors: ['MEMBER_NOT_FOUND', 'IDEMPOTENCY_KEY_REUSED'],
  }),
  requireShopSignature,
  bodyIsJson,
  validate('json', ReviewEvent),
  async (c) => {
    const { db, clock } = c.var.deps
    const now = clock.now()
    const event = c.req.valid('json')
    const result = await runIdempotent(db, { scope: 'review_event', key: event.id, body: event, now }, async (trx) => {
      const member = await resolveOrderMember(trx, event.data.member)
      refuseIfClosed(member)
      const program = await publishedProgram(trx)
      return { status: 200, body: await creditReview(trx, { memberId: member.id, event, program, now }) }
    })
    return c.json(result.body, 200)
  },
)
