import { AppError } from '@mc/shared'
import type { KeyObject } from 'node:crypto'
import { authorizationHeader } from './authorization'
import type { PlatformKeys } from './platform-keys'
import { wechatpaySignatureProblem } from './wechatpay-signature'

/** What the transport needs: who we are, how we sign, whom we trust, where and how long to wait. */
export interface WechatPayClientConfig {
  mchid: string
  merchantSerialNo: string
  merchantPrivateKey: KeyObject
  platformKeys: PlatformKeys
  baseUrl: string
  fetch: typeof fetch
  timeoutMs: number
  now: () => Date
}

/** A verified 2xx answer; `json` is null for an empty body (204). */
export interface WechatPayResponse {
  status: number
  json: unknown
}

/** Sends one signed API v3 call; `urlPath` starts with `/v3/` and carries any query string. */
export type WechatPayCall = (method: 'GET' | 'POST', urlPath: string, body?: object) => Promise<WechatPayResponse>

const unavailable = (details: Record<string, unknown>) => new AppError('PAYMENT_UNAVAILABLE', details)

/**
 * The signed transport. A 2xx answer is trusted only once the platform signature over its exact body checks
 * out, because a forged "SUCCESS" from a query would release goods. Errors carry the HTTP status and WeChat's
 * error code only: request headers and bodies stay out of them, so no signature or key material reaches logs.
 */
export function createWechatPayClient(config: WechatPayClientConfig): WechatPayCall {
  return async (method, urlPath, body) => {
    const bodyText = body === undefined ? '' : JSON.stringify(body)
    const authorization = authorizationHeader({
      method,
      urlPath,
      body: bodyText,
      mchid: config.mchid,
      serialNo: config.merchantSerialNo,
      privateKey: config.merchantPrivateKey,
    })
    let response: Response
    let text: string
    try {
      response = await config.fetch(new URL(urlPath, config.baseUrl), {
        method,
        headers: {
          authorization,
          accept: 'application/json',
          'user-agent': 'mc-bff wechatpay-apiv3',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : bodyText,
        signal: AbortSignal.timeout(config.timeoutMs),
      })
      text = await response.text()
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError'
      throw unavailable({ status: null, reason: timedOut ? 'timeout' : 'network error' })
    }
    if (response.status < 200 || response.status > 299) {
      throw unavailable({ status: response.status, wechatCode: wechatErrorCode(text) })
    }
    const problem = wechatpaySignatureProblem(
      Object.fromEntries(response.headers),
      text,
      config.platformKeys,
      config.now(),
    )
    if (problem) throw unavailable({ status: response.status, reason: `response not verified: ${problem}` })
    try {
      return { status: response.status, json: text === '' ? null : JSON.parse(text) }
    } catch {
      throw unavailable({ status: response.status, reason: 'malformed response' })
    }
  }
}

/** WeChat's error bodies are `{ code, message }`; anything else yields null. */
function wechatErrorCode(text: string): string | null {
  try {
    const code = (JSON.parse(text) as { code?: unknown }).code
    return typeof code === 'string' ? code : null
  } catch {
    return null
  }
}
