import { AppError } from '@mc/shared'
import { callWechat } from '../auth/wechat-api'
import type { Deps } from '../deps'
import { readImageInfo } from '../uploads/image-format'

type WechatApp = NonNullable<Deps['joinQr']['wechat']>

/** A token is renewed this long before WeChat says it expires, so a call never carries one about to lapse. */
export const accessTokenRenewMarginMs = 5 * 60 * 1000

/** errcodes meaning "this access_token is no good": drop it, fetch a new one and try once more. */
const staleTokenErrors = new Set([40001, 40014, 42001])

interface CachedToken {
  token: string
  renewAt: number
}

/**
 * One token per configured app, kept for the life of the process (WeChat allows 2,000 token fetches a day, and a
 * new token invalidates the old one after five minutes). A fetch in flight is shared by every caller waiting.
 */
const tokens = new WeakMap<WechatApp, { cached: CachedToken | null; pending: Promise<CachedToken> | null }>()

interface WechatErrorAnswer {
  errcode?: number
  errmsg?: string
}

const failed = (step: string, answer: WechatErrorAnswer) =>
  new AppError('WECHAT_QR_FAILED', {
    step,
    wechatErrcode: answer.errcode ?? null,
    wechatErrmsg: answer.errmsg?.slice(0, 200) ?? null,
  })

/** `GET /cgi-bin/token`; the URL carries the app secret, so it is never logged or put into an error. */
async function fetchAccessToken(app: WechatApp, now: Date): Promise<CachedToken> {
  const url = new URL('/cgi-bin/token', app.apiBase)
  url.search = new URLSearchParams({
    grant_type: 'client_credential',
    appid: app.appId,
    secret: app.appSecret,
  }).toString()
  const response = await callWechat(url, { method: 'GET' })
  let answer: WechatErrorAnswer & { access_token?: string; expires_in?: number }
  try {
    answer = (await response.json()) as typeof answer
  } catch {
    throw failed('access_token', { errmsg: 'not JSON' })
  }
  if (answer.errcode || !answer.access_token || !answer.expires_in) throw failed('access_token', answer)
  return {
    token: answer.access_token,
    renewAt: now.getTime() + answer.expires_in * 1000 - accessTokenRenewMarginMs,
  }
}

/** The app's access token: the cached one while it is fresh, else a new one (one fetch however many ask). */
export async function wechatAccessToken(app: WechatApp, clock: Deps['clock'], options: { renew?: boolean } = {}) {
  let entry = tokens.get(app)
  if (!entry) {
    entry = { cached: null, pending: null }
    tokens.set(app, entry)
  }
  const now = clock.now()
  if (!options.renew && entry.cached && now.getTime() < entry.cached.renewAt) return entry.cached.token
  const slot = entry
  const pending =
    slot.pending ??
    fetchAccessToken(app, now)
      .then((fresh) => {
        slot.cached = fresh
        return fresh
      })
      .finally(() => {
        slot.pending = null
      })
  slot.pending = pending
  return (await pending).token
}

/**
 * A mini-program code (`wxacode.getUnlimited`) that opens `page` with `scene`: the image bytes WeChat draws, with
 * their type read from the bytes. WeChat answers errors as JSON with an errcode; a token WeChat calls stale is
 * renewed and the call made once more.
 */
export async function unlimitedWxacode(
  app: WechatApp,
  clock: Deps['clock'],
  request: { scene: string; page: string },
): Promise<{ bytes: Uint8Array<ArrayBuffer>; contentType: 'image/png' | 'image/jpeg' }> {
  for (let attempt = 0; ; attempt += 1) {
    const token = await wechatAccessToken(app, clock, { renew: attempt > 0 })
    const url = new URL('/wxa/getwxacodeunlimit', app.apiBase)
    url.search = new URLSearchParams({ access_token: token }).toString()
    const response = await callWechat(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        scene: request.scene,
        page: request.page,
        check_path: false,
        env_version: app.envVersion,
      }),
    })
    const bytes = new Uint8Array(await response.arrayBuffer())
    const image = readImageInfo(bytes)
    if (!('refused' in image) && (image.contentType === 'image/png' || image.contentType === 'image/jpeg')) {
      return { bytes, contentType: image.contentType }
    }
    let answer: WechatErrorAnswer
    try {
      answer = JSON.parse(new TextDecoder().decode(bytes)) as WechatErrorAnswer
    } catch {
      throw failed('getwxacodeunlimit', { errmsg: 'neither an image nor JSON' })
    }
    if (attempt === 0 && answer.errcode !== undefined && staleTokenErrors.has(answer.errcode)) continue
    throw failed('getwxacodeunlimit', answer)
  }
}
