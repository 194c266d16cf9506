import { AppError } from '@mc/shared'
import type { Kysely } from 'kysely'
import {
  staleTokenErrors,
  type WechatAppCredentials,
  WechatTokenRefused,
  wechatAccessToken,
} from '../auth/wechat-access-token'
import { callWechat } from '../auth/wechat-api'
import type { Database } from '../db/schema'
import type { Clock } from '../deps'
import type { DeliveryOutcome, WechatSubscribeSender } from './outreach-adapters'

/** The mini-program the messages open, with the version its `page` lives in (the join QR's env_version). */
export interface WechatSubscribeApp extends WechatAppCredentials {
  envVersion: 'release' | 'trial' | 'develop'
}

/** subscribeMessage.send names the versions differently from wxacode's env_version. */
const miniprogramState = { release: 'formal', trial: 'trial', develop: 'developer' } as const

/** 43101: the member refused, or has no acceptance left for this template; the subscription is used up. */
const subscriptionSpentErrors = new Set([43101])
/** WeChat busy (-1) or our API quota per minute/day reached: the same request may pass later. */
const transientErrors = new Set([-1, 45009, 45011])

/**
 * The real `subscribeMessage.send`: `POST /cgi-bin/message/subscribe/send?access_token=…` with the shared access
 * token. A token WeChat calls stale is renewed once and the send repeated; WeChat's answer is mapped to a
 * DeliveryOutcome (errcode 0 sent; 43101 subscription spent; busy or unreachable transient; anything else
 * permanent, since the same request would be refused the same way).
 */
export function createWechatSubscribeSender(options: {
  app: WechatSubscribeApp
  db: Kysely<Database>
  clock: Clock
  fetch?: typeof fetch
}): WechatSubscribeSender {
  const { app, db, clock } = options
  const token = async (staleToken?: string) => wechatAccessToken(db, app, clock, { staleToken, fetch: options.fetch })

  return {
    async send(message) {
      const body = JSON.stringify({
        touser: message.openid,
        template_id: message.templateId,
        ...(message.page ? { page: message.page } : {}),
        data: Object.fromEntries(Object.entries(message.data).map(([key, value]) => [key, { value }])),
        miniprogram_state: miniprogramState[app.envVersion],
        lang: 'zh_CN',
      })
      try {
        let accessToken = await token()
        for (let attempt = 0; ; attempt += 1) {
          const answer = await post(app, accessToken, body, options.fetch)
          if (attempt === 0 && staleTokenErrors.has(answer.errcode)) {
            accessToken = await token(accessToken)
            continue
          }
          return outcomeOf(answer)
        }
      } catch (error) {
        return failureOf(error)
      }
    },
  }
}

interface SendAnswer {
  errcode: number
  errmsg: string
  msgid: string | null
}

async function post(app: WechatSubscribeApp, accessToken: string, body: string, fetchImpl?: typeof fetch) {
  const url = new URL('/cgi-bin/message/subscribe/send', app.apiBase)
  url.search = new URLSearchParams({ access_token: accessToken }).toString()
  const response = await callWechat(
    url,
    { method: 'POST', headers: { 'content-type': 'application/json' }, body },
    { fetch: fetchImpl },
  )
  let answer: { errcode?: number; errmsg?: string; msgid?: number | string }
  try {
    answer = (await response.json()) as typeof answer
  } catch {
    return { errcode: -1, errmsg: 'answer is not JSON', msgid: null } satisfies SendAnswer
  }
  return {
    errcode: answer.errcode ?? 0,
    errmsg: String(answer.errmsg ?? '').slice(0, 120),
    msgid: answer.msgid === undefined ? null : String(answer.msgid),
  } satisfies SendAnswer
}

function outcomeOf(answer: SendAnswer): DeliveryOutcome {
  if (answer.errcode === 0) return { ok: true, providerId: answer.msgid }
  const error = `wechat ${answer.errcode}: ${answer.errmsg}`
  if (subscriptionSpentErrors.has(answer.errcode)) return { ok: false, permanent: true, error, subscriptionSpent: true }
  // A second stale-token answer right after a renewal means WeChat is rotating tokens under us: try again later.
  const transient = transientErrors.has(answer.errcode) || staleTokenErrors.has(answer.errcode)
  return { ok: false, permanent: !transient, error }
}

/** No answer (network, timeout, non-2xx) or no token: nothing was sent, so the outbox may try again later. */
function failureOf(error: unknown): DeliveryOutcome {
  if (error instanceof WechatTokenRefused) {
    return { ok: false, permanent: false, error: `wechat access_token refused: ${error.errcode ?? error.errmsg}` }
  }
  if (error instanceof AppError && error.code === 'WECHAT_UNAVAILABLE') {
    return { ok: false, permanent: false, error: 'wechat unreachable' }
  }
  throw error
}
