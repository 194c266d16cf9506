import { signWebhook } from '../http/webhook-signature'
import { orderEvent, sendOrderEvent } from './order-events'
import { testWebhookSecret, type TestApp } from './test-app'

/**
 * A signed server-to-server call from the shop, as its coupon and pricing client would make it; `options` breaks it.
 */
export async function shopRequest(
  t: TestApp,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  options: {
    secret?: string
    timestamp?: string
    signature?: string | null
  } = {},
) {
  const rawBody = body === undefined ? '' : JSON.stringify(body)
  const timestamp = options.timestamp ?? String(Math.floor(t.clock.now().getTime() / 1000))
  const signature =
    options.signature === undefined
      ? signWebhook(options.secret ?? testWebhookSecret, timestamp, rawBody)
      : options.signature
  const response = await t.app.request(path, {
    method,
    headers: {
      'content-type': 'application/json',
      'x-mc-timestamp': timestamp,
      ...(signature === null ? {} : { 'x-mc-signature': signature }),
    },
    body: body === undefined ? undefined : rawBody,
  })
  return { status: response.status, body: (await response.json()) as any }
}

let phones = 0

/**
 * A joined member on a tier of the FMCG-shaped ladder (普通 0 / 白银 500 / 黄金 2000 growth at 1 growth per
 * yuan), reached through a real paid order so the upgrade goes through the same path as in production.
 */
export async function memberOnTier(t: TestApp, growth: 0 | 600 | 2500 = 0, birthday: string | null = null) {
  phones += 1
  const phone = `1370${String(process.pid % 1000).padStart(3, '0')}${String(phones).padStart(4, '0')}`
  const token = await t.joinedMember(phone)
  const id = (await t.json('GET', '/api/me', undefined, token)).body.member.id as string
  if (birthday) await t.db.updateTable('members').set({ birthday }).where('id', '=', id).execute()
  if (growth > 0) {
    const paid = await sendOrderEvent(
      t,
      orderEvent('order.paid', `ORD-${phone}`, { memberId: id }, growth * 100, {
        occurredAt: t.clock.now().toISOString(),
      }),
    )
    if (paid.status !== 200) throw new Error(`order event failed: ${JSON.stringify(paid.body)}`)
  }
  return { token, id }
}
