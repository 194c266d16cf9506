import { AppError } from '@mc/shared'
import { callWechat } from './wechat-api'

/** What WeChat tells us about a login code. `sessionKey` never leaves the BFF. */
export interface WechatIdentity {
  openid: string
  unionid: string | null
  sessionKey: string
}

/** The WeChat login port: exchange a one-time `wx.login` code for the shopper's identity. */
export interface WechatLogin {
  exchangeCode(code: string): Promise<WechatIdentity>
}

/**
 * The 微信手机号快捷登录 port: exchange the one-time code of a getPhoneNumber button for the phone number the
 * shopper bound to WeChat, as a mainland number `PhoneNumber` accepts (the phone login's identity). Its adapters
 * are in wechat-phone-number.ts; the port sits here, beside the code login's, so `deps.ts` names one auth file.
 */
export interface WechatPhoneNumbers {
  phoneOf(code: string): Promise<string>
}

export interface WechatLoginConfig {
  appId: string
  appSecret: string
  /** https://api.weixin.qq.com in production; tests point it at a local server that plays WeChat. */
  apiBase: string
  fetch?: typeof fetch
  timeoutMs?: number
}

/** Codes WeChat uses for a code that is wrong, expired, already used or from a blocked user. */
const rejectedCodeErrors = new Set([40029, 40163, 40226])

interface Jscode2sessionAnswer {
  openid?: string
  unionid?: string
  session_key?: string
  errcode?: number
  errmsg?: string
}

/**
 * The real `auth.code2Session` call. Each code goes to WeChat every time: nothing is cached, so a replayed code
 * is refused by WeChat itself (errcode 40163). The URL carries the app secret, so it is never logged or thrown.
 */
export function createWechatLogin(config: WechatLoginConfig): WechatLogin {
  return {
    async exchangeCode(code) {
      const url = new URL('/sns/jscode2session', config.apiBase)
      url.search = new URLSearchParams({
        appid: config.appId,
        secret: config.appSecret,
        js_code: code,
        grant_type: 'authorization_code',
      }).toString()
      const response = await callWechat(url, {}, config)
      let answer: Jscode2sessionAnswer
      try {
        answer = (await response.json()) as Jscode2sessionAnswer
      } catch {
        throw new AppError('WECHAT_UNAVAILABLE', { reason: 'not JSON' })
      }
      if (answer.errcode && rejectedCodeErrors.has(answer.errcode)) {
        throw new AppError('WECHAT_CODE_INVALID', { wechatErrcode: answer.errcode })
      }
      if (answer.errcode || !answer.openid || !answer.session_key) {
        throw new AppError('WECHAT_UNAVAILABLE', { wechatErrcode: answer.errcode ?? null })
      }
      return { openid: answer.openid, unionid: answer.unionid ?? null, sessionKey: answer.session_key }
    },
  }
}
