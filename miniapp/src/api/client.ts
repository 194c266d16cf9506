import Taro from '@tarojs/taro'
import { errorMessages, isErrorBody, type ErrorCode } from '@mc/shared'
import { expireSession, readSession } from './session'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** The BFF's stable codes plus `NETWORK` for requests that never got an answer. */
export type ApiErrorCode = ErrorCode | 'NETWORK'

export const networkErrorMessage = '网络异常，请检查网络后重试'

/** A failed call: HTTP `status` (0 without an answer), stable `code`, and a Chinese `message` fit for the shopper. */
export class ApiError extends Error {
  readonly status: number
  readonly code: ApiErrorCode
  readonly details?: Record<string, unknown>

  constructor(status: number, code: ApiErrorCode, message: string, details?: Record<string, unknown>) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.details = details
  }
}

/** A failure as the UI shows it: the stable `code` to branch on and the Chinese `message` to display. */
export interface ApiFailure {
  code: ApiErrorCode
  message: string
}

/** Any thrown value as an `ApiFailure`; anything that is not an `ApiError` reads as INTERNAL. */
export function failureOf(error: unknown): ApiFailure {
  if (error instanceof ApiError) return { code: error.code, message: error.message }
  return { code: 'INTERNAL', message: errorMessages.INTERNAL }
}

interface RawResponse {
  status: number
  /** Parsed JSON, or `undefined` when the body was empty or not JSON. */
  body: unknown
}

const timeoutMs = 15_000

/**
 * Per-call settings: `token` replaces the member session (the staff till has a session of its own); `headers`
 * are sent as well (e.g. `Idempotency-Key`), but never override Accept, Content-Type or Authorization.
 */
export interface RequestOptions {
  token?: string | null
  headers?: Record<string, string>
}

/** Calls the BFF at `path` (e.g. `/api/me`) with the stored session and returns the parsed JSON body. */
export async function apiRequest<T>(method: HttpMethod, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { ...options.headers, Accept: 'application/json' }
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  const ownToken = options.token !== undefined
  const token = ownToken ? options.token : readSession()?.token
  if (token) headers.Authorization = `Bearer ${token}`

  const response = await send(method, `${API_BASE}${path}`, headers, body)
  const ok = response.status >= 200 && response.status < 300
  // A 2xx without JSON means something other than the BFF answered (e.g. a static server's index.html).
  if (ok && response.body !== undefined) return response.body as T
  // A rejected staff token says nothing about the member session, so only the member's own calls end it.
  if (response.status === 401 && !ownToken) expireSession()
  throw errorFromResponse(response)
}

export function errorFromResponse({ status, body }: RawResponse): ApiError {
  if (isErrorBody(body)) {
    const { code, message, details } = body.error
    return new ApiError(status, code, message || errorMessages[code] || errorMessages.INTERNAL, details)
  }
  const code: ErrorCode = status === 401 ? 'UNAUTHENTICATED' : 'INTERNAL'
  return new ApiError(status, code, errorMessages[code])
}

async function send(method: HttpMethod, url: string, headers: Record<string, string>, body: unknown) {
  try {
    if (process.env.TARO_ENV === 'weapp') return await sendWithTaro(method, url, headers, body)
    return await sendWithFetch(method, url, headers, body)
  } catch {
    throw new ApiError(0, 'NETWORK', networkErrorMessage)
  }
}

async function sendWithFetch(method: HttpMethod, url: string, headers: Record<string, string>, body: unknown): Promise<RawResponse> {
  const response = await fetch(url, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    // Older WebViews lack AbortSignal.timeout; they fall back to the browser's own timeout.
    signal: typeof AbortSignal.timeout === 'function' ? AbortSignal.timeout(timeoutMs) : undefined,
  })
  return { status: response.status, body: parseJson(await response.text()) }
}

async function sendWithTaro(method: HttpMethod, url: string, headers: Record<string, string>, body: unknown): Promise<RawResponse> {
  const response = await Taro.request({ url, method, header: headers, data: body, dataType: 'json', timeout: timeoutMs })
  const data: unknown = response.data
  // Taro hands back the raw string when the body was not JSON.
  return { status: response.statusCode, body: typeof data === 'string' ? parseJson(data) : (data ?? undefined) }
}

function parseJson(text: string): unknown {
  if (text === '') return undefined
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
