import { hc, type ClientResponse } from 'hono/client'
import type { SuccessStatusCode } from 'hono/utils/http-status'
// Type-only: the BFF's route table gives every path, parameter and answer below; none of its code is bundled.
import type { AppType } from '@mc/bff/src/app'
import { ApiError, errorFromResponse, failureOf, networkErrorMessage } from './failure'
import { expireSession, readSession } from './session'
import { isRecord } from './storage'
import { transportFetch } from './transport'

export {
  ApiError,
  errorFromResponse,
  failureOf,
  networkErrorMessage,
  type ApiErrorCode,
  type ApiFailure,
} from './failure'

/** The BFF's `/api` routes as Hono's typed client: `api.me.benefits[':key'].claim.$post({ param: { key } })`. */
export type Api = ReturnType<typeof hc<AppType>>['api']

/** The body of a 2xx answer among `R`, the responses an `hc` call may give; other answers are thrown as ApiError. */
export type OkBody<R> =
  R extends ClientResponse<infer T, infer S, infer _F> ? (S extends SuccessStatusCode ? T : never) : never

/**
 * Per-call settings: `token` replaces the member session (the staff till has a session of its own); `headers`
 * are sent as well, but never override Accept, Content-Type or Authorization.
 */
export interface RequestOptions {
  token?: string | null
  headers?: Record<string, string>
}

/**
 * Sends one request through the typed client with the stored session and resolves to the 2xx body, typed by the
 * route: `await call((api) => api.me.$get())`. Anything else is thrown as an ApiError: the BFF's error body,
 * NETWORK when no answer came, INTERNAL for a 2xx that is not JSON (e.g. a static server's index.html).
 */
// biome-ignore lint/suspicious/noExplicitAny: any response of any route; OkBody picks out the 2xx ones.
export async function call<R extends ClientResponse<any, number, any>>(
  send: (api: Api) => Promise<R>,
  options: RequestOptions = {},
): Promise<OkBody<R>> {
  const ownToken = options.token !== undefined
  const token = ownToken ? options.token : readSession()?.token
  const headers: Record<string, string> = { ...options.headers, Accept: 'application/json' }
  if (token) headers.Authorization = `Bearer ${token}`

  const api = encodingParams(hc<AppType>(API_BASE, { fetch: transportFetch, headers }).api)
  const { status, body } = await receive(() => send(api))
  if (status >= 200 && status < 300 && body !== undefined) return body as OkBody<R>
  const error = errorFromResponse({ status, body })
  // A rejected staff token says nothing about the member session, so only the member's own calls end it.
  if (status === 401 && !ownToken) expireSession(failureOf(error))
  throw error
}

/**
 * hc puts path parameters into the URL as they are, so an id holding `/` or `?` would name another path. This
 * wraps the client so every call's `param` values are URI-encoded first (the BFF decodes them).
 */
function encodingParams<T>(client: T): T {
  if (typeof client !== 'function' && (typeof client !== 'object' || client === null)) return client
  return new Proxy(client, {
    get: (target, key) => encodingParams(Reflect.get(target, key)),
    apply: (target, self, args: unknown[]) => {
      const [request, ...rest] = args
      if (!isRecord(request) || !isRecord(request.param)) return Reflect.apply(target as () => unknown, self, args)
      const param = Object.fromEntries(
        Object.entries(request.param).map(([name, value]) => [name, encodeURIComponent(String(value))]),
      )
      return Reflect.apply(target as () => unknown, self, [{ ...request, param }, ...rest])
    },
  })
}

async function receive(send: () => Promise<Response>): Promise<{ status: number; body: unknown }> {
  try {
    const response = await send()
    return { status: response.status, body: parseJson(await response.text()) }
  } catch {
    throw new ApiError(0, 'NETWORK', networkErrorMessage)
  }
}

function parseJson(text: string): unknown {
  if (text === '') return undefined
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
