import type { RawNotice } from '../mall/payment-provider'
import type { TestApp } from './test-app'

/** Posts a payment notice to the notify endpoint exactly as WeChat would: its headers and raw body untouched. */
export async function postNotice(t: TestApp, notice: RawNotice) {
  const headers = Object.fromEntries(
    Object.entries(notice.headers).filter((e): e is [string, string] => e[1] !== undefined),
  )
  const body = typeof notice.body === 'string' ? notice.body : Buffer.from(notice.body)
  const response = await t.app.request('/webhooks/payments/wechat', { method: 'POST', headers, body })
  return { status: response.status, body: (await response.json()) as any }
}
