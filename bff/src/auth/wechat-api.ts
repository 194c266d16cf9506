import { AppError } from '@mc/shared'

/**
 * One call to WeChat's server API with a timeout. No answer, a timeout or a non-2xx status is WECHAT_UNAVAILABLE,
 * reported by the error's name only: these URLs carry the app secret or an access token, and an error's message
 * may quote the URL.
 */
export async function callWechat(
  url: URL,
  init: RequestInit = {},
  options: { fetch?: typeof fetch; timeoutMs?: number } = {},
): Promise<Response> {
  try {
    const response = await (options.fetch ?? fetch)(url, {
      ...init,
      signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
    })
    if (!response.ok) throw new Error(`status ${response.status}`)
    return response
  } catch (cause) {
    throw new AppError('WECHAT_UNAVAILABLE', { reason: cause instanceof Error ? cause.name : 'unknown' })
  }
}
