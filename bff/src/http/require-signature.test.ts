import { beforeAll, describe, expect, it } from 'vitest'
import { orderEvent } from '../test/order-events'
import { testWebhookSecret, useTestApp } from '../test/test-app'
import { signWebhook } from './webhook-signature'

/**
 * The order webhook goes through `requireShopSignature`, `bodyIsJson` and `validate('json', OrderEvent)`; these
 * pin what the shop sees beyond `orders/order-webhook.test.ts`: its Content-Type is not required, and a body
 * that is not JSON is answered exactly as before.
 */
describe('POST /webhooks/orders: Content-Type and malformed bodies', () => {
  const t = useTestApp({}, { verifyLedgers: false })
  let memberId: string
  beforeAll(async () => {
    const token = await t.joinedMember('13500000301')
    memberId = (await t.json('GET', '/api/me', undefined, token)).body.member.id
  })

  const post = async (rawBody: string, headers: Record<string, string>, secret = testWebhookSecret) => {
    const timestamp = String(Math.floor(t.clock.now().getTime() / 1000))
    const response = await t.app.request('/webhooks/orders', {
      method: 'POST',
      headers: { 'x-mc-timestamp': timestamp, 'x-mc-signature': signWebhook(secret, timestamp, rawBody), ...headers },
      body: rawBody,
    })
    return { status: response.status, body: (await response.json()) as any }
  }

  it.each<[string, Record<string, string>]>([
    ['no Content-Type', {}],
    ['text/plain', { 'content-type': 'text/plain' }],
    ['application/json with a charset', { 'content-type': 'application/json; charset=utf-8' }],
  ])('applies a signed event sent with %s', async (label, headers) => {
    const event = orderEvent('order.paid', `o-ct-${label}`, { memberId }, 2_000)
    const response = await post(JSON.stringify(event), headers)
    expect(response).toMatchObject({ status: 200, body: { status: 'applied', eventId: event.id, growth: 20 } })
  })

  it.each<Record<string, string>>([{}, { 'content-type': 'application/json' }])(
    'reads the signed bytes as fetch decodes them: a leading byte order mark is dropped (%o)',
    async (headers) => {
      const event = orderEvent('order.paid', `o-bom-${Object.keys(headers).length}`, { memberId }, 2_000)
      const response = await post(`\uFEFF${JSON.stringify(event)}`, headers)
      expect(response).toMatchObject({ status: 200, body: { status: 'applied', eventId: event.id } })
    },
  )

  it.each<Record<string, string>>([{}, { 'content-type': 'application/json' }])(
    'answers a body that is not JSON with 400 and the issue, as always (%o)',
    async (headers) => {
      const response = await post('{"id":', headers)
      expect(response).toEqual({
        status: 400,
        body: {
          error: {
            code: 'INVALID_REQUEST',
            message: '请求参数有误',
            details: { issues: [{ path: '', message: 'body is not valid JSON' }] },
          },
        },
      })
    },
  )

  it('checks the signature before reading the body', async () => {
    const response = await post('{"id":', {}, 'whsec_someone_else_000000')
    expect(response).toMatchObject({ status: 401, body: { error: { code: 'WEBHOOK_SIGNATURE_INVALID' } } })
  })

  it('names the fields of a JSON body that is not an order event', async () => {
    const response = await post(
      JSON.stringify({ ...orderEvent('order.paid', 'o-bad', { memberId }, 1), type: 'order.lost' }),
      {},
    )
    expect(response.status).toBe(400)
    expect(response.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual(['type'])
  })
})
