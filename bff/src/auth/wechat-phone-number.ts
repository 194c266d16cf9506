import { AppError, normalizePhoneNumber, PhoneNumber } from '@mc/shared'
import type { Kysely } from 'kysely'
import type { Logger } from 'pino'
import type { Database } from '../db/schema'
import type { Clock } from '../deps'
import {
  staleTokenErrors,
  type WechatAppCredentials,
  WechatTokenRefused,
  wechatAccessToken,
} from './wechat-access-token'
import { callWechat } from './wechat-api'
import type { WechatPhoneNumbers } from './wechat-login'

/** 40029: the code is wrong, expired (five minutes) or already used; each code is exchanged once. */
const rejectedCodeErrors = new Set([40029])

interface PhoneAnswer {
  errcode?: number
  errmsg?: string
  phone_info?: {
    phoneNumber?: string
    purePhoneNumber?: string
    countryCode?: string | number
    watermark?: { timestamp?: number; appid?: string }
  }
}

/**
 * The real `phonenumber.getPhoneNumber`: `POST /wxa/business/getuserphonenumber?access_token=…` with `{"code"}`,
 * using the app's one access token shared with subscribe messages and join QR codes (`wechat_access_tokens`). A
 * token WeChat calls stale is renewed once and the call repeated. The answer counts only when its watermark names
 * our app id; only a mainland number (country code 86) is a phone login, others are WECHAT_PHONE_UNSUPPORTED.
 */
export function createWechatPhoneNumbers(options: {
  app: WechatAppCredentials
  db: Kysely<Database>
  clock: Clock
  fetch?: typeof fetch
}): WechatPhoneNumbers {
  const { app, db, clock } = options
  const token = async (staleToken?: string) => {
    try {
      return await wechatAccessToken(db, app, clock, { staleToken, fetch: options.fetch })
    } catch (error) {
      if (error instanceof WechatTokenRefused) throw new AppError('WECHAT_UNAVAILABLE', { reason: 'access_token' })
      throw error
    }
  }
  return {
    async phoneOf(code) {
      const body = JSON.stringify({ code })
      let accessToken = await token()
      let answer = await post(app, accessToken, body, options.fetch)
      if (answer.errcode !== undefined && staleTokenErrors.has(answer.errcode)) {
        accessToken = await token(accessToken)
        answer = await post(app, accessToken, body, options.fetch)
      }
      if (answer.errcode && rejectedCodeErrors.has(answer.errcode)) {
        throw new AppError('WECHAT_PHONE_CODE_INVALID', { wechatErrcode: answer.errcode })
      }
      const info = answer.phone_info
      if (answer.errcode || !info?.purePhoneNumber) {
        throw new AppError('WECHAT_UNAVAILABLE', { wechatErrcode: answer.errcode ?? null })
      }
      // A number for another app (a misrouted or replayed answer) is not this shopper's login.
      if (info.watermark?.appid !== app.appId) throw new AppError('WECHAT_UNAVAILABLE', { reason: 'watermark' })
      return mainlandPhone(String(info.countryCode ?? ''), info.purePhoneNumber)
    },
  }
}

async function post(app: WechatAppCredentials, accessToken: string, body: string, fetchImpl?: typeof fetch) {
  const url = new URL('/wxa/business/getuserphonenumber', app.apiBase)
  url.search = new URLSearchParams({ access_token: accessToken }).toString()
  const response = await callWechat(
    url,
    { method: 'POST', headers: { 'content-type': 'application/json' }, body },
    { fetch: fetchImpl },
  )
  try {
    return (await response.json()) as PhoneAnswer
  } catch {
    throw new AppError('WECHAT_UNAVAILABLE', { reason: 'not JSON' })
  }
}

/** WeChat's `purePhoneNumber` with its country code, as the phone login's mainland number, or refused. */
function mainlandPhone(countryCode: string, purePhoneNumber: string): string {
  const phone = normalizePhoneNumber(purePhoneNumber)
  if (countryCode !== '86' || !PhoneNumber.safeParse(phone).success) {
    throw new AppError('WECHAT_PHONE_UNSUPPORTED', { countryCode })
  }
  return phone
}

/**
 * `npm start` and demos have no WeChat app: a code `local:<phone>` stands for what WeChat would answer for that
 * number, like the local phone login (on only when it is), which trusts a typed number anyway. Any other code is
 * refused as WeChat refuses a code it never issued.
 */
export function createLocalWechatPhoneNumbers(logger: Logger): WechatPhoneNumbers {
  return {
    async phoneOf(code) {
      const match = /^local:(.+)$/.exec(code)
      if (!match) throw new AppError('WECHAT_PHONE_CODE_INVALID', { wechatErrcode: 40029 })
      const phone = mainlandPhone('86', match[1]!)
      logger.info({ phone: `${phone.slice(0, 3)}****${phone.slice(-4)}` }, 'local WeChat phone number answered')
      return phone
    },
  }
}
