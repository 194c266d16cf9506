import { AppError } from '@mc/shared'
import { callWechat } from '../auth/wechat-api'
import { staleTokenErrors, WechatTokenRefused, wechatAccessToken } from '../auth/wechat-access-token'
import type { Deps } from '../deps'
import { readImageInfo } from '../uploads/image-format'

export { accessTokenRenewMarginMs } from '../auth/wechat-access-token'

type WechatApp = NonNullable<Deps['joinQr']['wechat']>

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

/** The shared access token (see wechat-access-token.ts); a refused token fetch is this step's failure. */
async function accessToken(deps: Pick<Deps, 'db' | 'clock'>, app: WechatApp, staleToken?: string) {
  try {
    return await wechatAccessToken(deps.db, app, deps.clock, { staleToken })
  } catch (error) {
    if (error instanceof WechatTokenRefused) {
      throw failed('access_token', { errcode: error.errcode ?? undefined, errmsg: error.errmsg ?? undefined })
    }
    throw error
  }
}

/**
 * A mini-program code (`wxacode.getUnlimited`) that opens `page` with `scene`: the image bytes WeChat draws, with
 * their type read from the bytes. WeChat answers errors as JSON with an errcode; a token WeChat calls stale is
 * renewed and the call made once more.
 */
export async function unlimitedWxacode(
  deps: Pick<Deps, 'db' | 'clock'>,
  app: WechatApp,
  request: { scene: string; page: string },
): Promise<{ bytes: Uint8Array<ArrayBuffer>; contentType: 'image/png' | 'image/jpeg' }> {
  let token = await accessToken(deps, app)
  for (let attempt = 0; ; attempt += 1) {
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
    if (attempt === 0 && answer.errcode !== undefined && staleTokenErrors.has(answer.errcode)) {
      token = await accessToken(deps, app, token)
      continue
    }
    throw failed('getwxacodeunlimit', answer)
  }
}
