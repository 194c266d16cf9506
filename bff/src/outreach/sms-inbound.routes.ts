import { timingSafeEqual } from 'node:crypto'
import { AppError, SmsInboundQuery, SmsUpAnswer, SmsUpPush } from '@mc/shared'
import { Hono } from 'hono'
import type { AppEnv } from '../deps'
import { validate } from '../http/validate'
import { documentRoute } from '../openapi/document-route'
import { optOutByReplies } from './sms-opt-out'

/** Equal secrets in time that does not depend on where they differ; unequal lengths are simply unequal. */
function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

/**
 * Alibaba Cloud SmsUp's HTTP push of members' replies. SmsUp cannot sign its pushes, so the URL configured in its
 * console carries a secret token; without a configured token every push is refused.
 */
export const smsInboundRoutes = new Hono<AppEnv>().post(
  '/sms/inbound',
  documentRoute({
    summary: 'Members’ SMS replies from Alibaba Cloud SmsUp; 退订, TD, T or N turns SMS off for that phone',
    description:
      'A JSON array of `{ phone_number, content, send_time, sign_name, dest_code, sequence_id }`. The token in the ' +
      'query must equal SMS_INBOUND_TOKEN. Answers `{ code: 0 }` once recorded, which is what SmsUp waits for.',
    auth: 'none',
    ok: { 200: { description: 'Received', schema: SmsUpAnswer } },
    errors: ['SMS_INBOUND_FORBIDDEN'],
  }),
  validate('query', SmsInboundQuery),
  async (c, next) => {
    const expected = c.var.deps.smsInboundToken
    const given = c.req.valid('query').token
    if (!expected || !given || !sameSecret(given, expected)) throw new AppError('SMS_INBOUND_FORBIDDEN')
    await next()
  },
  validate('json', SmsUpPush),
  async (c) => {
    const optedOut = await optOutByReplies(c.var.deps.db, c.req.valid('json'), c.var.deps.clock.now())
    if (optedOut > 0) c.var.deps.logger.info({ optedOut }, 'members opted out of SMS by reply')
    return c.json({ code: 0, msg: '接收成功' }, 200)
  },
)
