import { OrderEvent, OrderEventOutcomeSchema } from '@mc/shared'
import { Hono } from 'hono'
import type { AppEnv } from '../deps'
import { faultPoint } from '../http/fault-injection'
import { runIdempotent } from '../http/idempotency'
import { bodyIsJson, requireShopSignature } from '../http/require-signature'
import { validate } from '../http/validate'
import { documentRoute } from '../openapi/document-route'
import { applyOrderEvent } from './apply-order-event'

/**
 * POST /webhooks/orders, the public contract shop systems code against (DESIGN.md §6). The signature is checked
 * over the raw bytes before anything is parsed; each event id is applied once and its first answer replayed.
 */
export const orderWebhookRoutes = new Hono<AppEnv>().post(
  '/orders',
  documentRoute({
    summary: 'Order events from the shop',
    description:
      'Signed over the raw body: a bad signature or a stale timestamp is refused before the body is read. ' +
      'Idempotent by event id: a replay answers the first outcome. The body is read as JSON whatever its ' +
      'Content-Type. The public contract of DESIGN.md §6.',
    auth: 'webhook-signature',
    ok: {
      200: { description: 'The outcome, also for a replay of the same id', schema: OrderEventOutcomeSchema },
      202: { description: 'Parked until the payment arrives', schema: OrderEventOutcomeSchema },
    },
    errors: ['MEMBER_NOT_FOUND', 'IDEMPOTENCY_KEY_REUSED'],
  }),
  requireShopSignature,
  bodyIsJson,
  validate('json', OrderEvent),
  async (c) => {
    const { db, clock } = c.var.deps
    const now = clock.now()
    const event = c.req.valid('json')
    const result = await runIdempotent(db, { scope: 'order_event', key: event.id, body: event, now }, async (trx) =>
      // The latest program version is read with the member and the order (order-facts.ts), its rules from memory.
      applyOrderEvent({ trx, now, source: 'online' }, event),
    )
    faultPoint('order_event:after_commit')
    return c.json(result.body, result.status === 202 ? 202 : 200)
  },
)
