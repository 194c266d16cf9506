import { randomUUID } from 'node:crypto'
import type { Clock } from '../deps'
import { rpcSignature } from './aliyun-sms-signature'
import type { DeliveryOutcome, SmsSender } from './outreach-adapters'

/** An Alibaba Cloud RAM user's AccessKey allowed to call dysmsapi, and where dysmsapi is. */
export interface AliyunSmsConfig {
  accessKeyId: string
  accessKeySecret: string
  /** `https://dysmsapi.aliyuncs.com`, or a test's fake server. */
  endpoint: string
}

/**
 * Codes that may pass if the same message is sent again later: flow control, Alibaba's own trouble, an account
 * out of credit (the merchant tops it up), a nonce or timestamp refused for this one request.
 */
const transientCodes = new Set([
  'isv.BUSINESS_LIMIT_CONTROL',
  'isp.SYSTEM_ERROR',
  'isv.OUT_OF_SERVICE',
  'isv.AMOUNT_NOT_ENOUGH',
  'SignatureNonceUsed',
  'InvalidTimeStamp.Expired',
  'ServiceUnavailable',
  'InternalError',
])

/** Network errors that mean the request never reached Alibaba, so sending again cannot send twice. */
const notConnectedCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH'])

/**
 * Alibaba Cloud SMS `SendSms` (dysmsapi, API version 2017-05-25), signed with the RPC signature. The parameters go
 * in a form-encoded POST body rather than the URL, so phone numbers stay out of proxies' access logs.
 */
export function createAliyunSmsSender(options: {
  config: AliyunSmsConfig
  clock: Clock
  fetch?: typeof fetch
  timeoutMs?: number
}): SmsSender {
  const { config, clock } = options
  return {
    async send(message) {
      const params: Record<string, string> = {
        AccessKeyId: config.accessKeyId,
        Action: 'SendSms',
        Format: 'JSON',
        OutId: message.outId,
        PhoneNumbers: message.phone,
        RegionId: 'cn-hangzhou',
        SignName: message.signName,
        SignatureMethod: 'HMAC-SHA1',
        SignatureNonce: randomUUID(),
        SignatureVersion: '1.0',
        TemplateCode: message.templateCode,
        TemplateParam: JSON.stringify(message.params),
        // yyyy-MM-ddTHH:mm:ssZ in UTC, without milliseconds, as the common parameters require.
        Timestamp: `${clock.now().toISOString().slice(0, 19)}Z`,
        Version: '2017-05-25',
      }
      params.Signature = rpcSignature('POST', params, config.accessKeySecret)
      let response: Response
      try {
        response = await (options.fetch ?? fetch)(new URL('/', config.endpoint), {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(params).toString(),
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        })
      } catch (error) {
        return unreachable(error)
      }
      return outcomeOf(response)
    },
  }
}

async function outcomeOf(response: Response): Promise<DeliveryOutcome> {
  let answer: { Code?: string; Message?: string; BizId?: string }
  try {
    answer = (await response.json()) as typeof answer
  } catch {
    return { ok: false, permanent: response.status < 500, error: `aliyun sms: HTTP ${response.status}, not JSON` }
  }
  if (answer.Code === 'OK') return { ok: true, providerId: answer.BizId ?? null }
  const code = answer.Code ?? `HTTP ${response.status}`
  const error = `aliyun sms ${code}: ${String(answer.Message ?? '').slice(0, 120)}`
  const transient = transientCodes.has(code) || code.startsWith('Throttling') || response.status >= 500
  return { ok: false, permanent: !transient, error }
}

/**
 * No answer. When the connection never opened, nothing was sent and a retry is safe; after a timeout or a reset
 * mid-answer Alibaba may have sent it, and a phone must get a message at most once, so the row fails for good.
 */
function unreachable(error: unknown): DeliveryOutcome {
  const cause = error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined
  if (cause?.code && notConnectedCodes.has(cause.code)) {
    return { ok: false, permanent: false, error: `aliyun sms unreachable (${cause.code})` }
  }
  const name = error instanceof Error ? error.name : 'unknown'
  return { ok: false, permanent: true, error: `aliyun sms: no answer (${cause?.code ?? name}), outcome unknown` }
}
