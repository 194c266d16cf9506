import { AppError, OrderEvent } from '@mc/shared'
import { Hono } from 'hono'
import type { AppEnv } from '../deps'
import { faultPoint } from '../http/fault-injection'
import { runIdempotent } from '../http/idempotency'
import { fieldIssues } from '../http/validate'
import { publishedProgram } from '../program/published-program'
import { applyOrderEvent } from './apply-order-event'
import { verifyWebhook } from '../http/webhook-signature'

/**
 * POST /webhooks/orders, the public contract shop systems code against (DESIGN.md §6). The signature is checked
 * over the raw bytes before anything is parsed; each event id is applied once and its first answer replayed.
 */
export const orderWebhookRoutes = new Hono<AppEnv>()
  .post('/orders', async (c) => {
    const { db, clock, webhookSecret } = c.var.deps
    if (!webhookSecret) throw new AppError('WEBHOOK_NOT_CONFIGURED')
    const rawBody = Buffer.from(await c.req.arrayBuffer())
    const now = clock.now()
    verifyWebhook({ secret: webhookSecret, timestamp: c.req.header('x-mc-timestamp'), signature: c.req.header('x-mc-signature'), rawBody, now })
    let json: unknown
    try {
      json = JSON.parse(rawBody.toString('utf8'))
    } catch {
      throw new AppError('INVALID_REQUEST', { issues: [{ path: '', message: 'body is not valid JSON' }] })
    }
    const parsed = OrderEvent.safeParse(json)
    if (!parsed.success) {
      throw new AppError('INVALID_REQUEST', { issues: fieldIssues(parsed.error) })
    }
    const event = parsed.data
    const result = await runIdempotent(db, { scope: 'order_event', key: event.id, body: event, now }, async (trx) =>
      applyOrderEvent({ trx, program: await publishedProgram(trx), now, source: 'online' }, event))
    faultPoint('order_event:after_commit')
    return c.json(result.body, result.status === 202 ? 202 : 200)
  })
