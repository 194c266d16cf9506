import Taro from '@tarojs/taro'

/**
 * The `fetch` given to Hono's client (RPC docs, "Custom fetch"): `fetch` on H5, `Taro.request` in the
 * mini-program, which has no fetch. Both give up after 15 s. It only moves bytes; `call` in client.ts reads
 * the status and body and decides what they mean.
 */
export const timeoutMs = 15_000

export async function transportFetch(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
  const url = String(input)
  const method = init.method ?? 'GET'
  const headers = headerRecord(init.headers)
  // hc has already turned `json` into a string; it sends no other kind of body.
  const body = typeof init.body === 'string' ? init.body : undefined
  if (process.env.TARO_ENV === 'weapp') return requestWithTaro(url, method, headers, body)
  return fetch(url, {
    method,
    headers,
    body,
    // Older WebViews lack AbortSignal.timeout; they fall back to the browser's own timeout.
    signal: typeof AbortSignal.timeout === 'function' ? AbortSignal.timeout(timeoutMs) : undefined,
  })
}

async function requestWithTaro(
  url: string,
  method: string,
  header: Record<string, string>,
  data: string | undefined,
): Promise<Response> {
  const response = await Taro.request({
    url,
    method: method as keyof Taro.request.Method,
    header,
    data,
    dataType: 'json',
    timeout: timeoutMs,
  })
  const payload: unknown = response.data
  // Taro hands back the raw string when the body was not JSON, and the parsed value when it was.
  const text =
    typeof payload === 'string' ? payload : payload === undefined || payload === null ? '' : JSON.stringify(payload)
  // `call` reads only `status` and `text()`, so this small object stands in for a Response.
  return {
    status: response.statusCode,
    ok: response.statusCode >= 200 && response.statusCode < 300,
    text: async () => text,
  } as unknown as Response
}

function headerRecord(headers: HeadersInit | undefined): Record<string, string> {
  const record: Record<string, string> = {}
  if (headers === undefined) return record
  if (typeof (headers as Headers).forEach === 'function' && !Array.isArray(headers)) {
    ;(headers as Headers).forEach((value, name) => {
      record[name] = value
    })
    return record
  }
  for (const [name, value] of Array.isArray(headers) ? headers : Object.entries(headers))
    record[name.toLowerCase()] = value
  return record
}

/**
 * hc builds a `Headers` before it calls the transport, and the mini-program's JS runtime has none; this is the
 * part of one that hc and `headerRecord` use (set, get, forEach), with names lower-cased as `Headers` does.
 */
class MiniHeaders {
  private readonly values = new Map<string, string>()
  set(name: string, value: string): void {
    this.values.set(name.toLowerCase(), String(value))
  }
  get(name: string): string | null {
    return this.values.get(name.toLowerCase()) ?? null
  }
  forEach(callback: (value: string, name: string) => void): void {
    this.values.forEach((value, name) => {
      callback(value, name)
    })
  }
}

if (typeof Headers === 'undefined') Object.assign(globalThis, { Headers: MiniHeaders })
