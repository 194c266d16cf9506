import type { Kysely } from 'kysely'
import type { Logger } from 'pino'
import type { DatabaseKind } from './db/database'
import type { Database } from './db/schema'
import type { PaymentProvider } from './mall/payment-provider'
import type { WechatLogin, WechatPhoneNumbers } from './auth/wechat-login'
import type { Principal } from './auth/operator-principal'
import type { ImageStore } from './uploads/image-store'
import type { OutreachAdapters } from './outreach/outreach-adapters'

/** Time comes from here, never from `new Date()` in domain code, so tests can stand on either side of a boundary. */
export interface Clock {
  now(): Date
}

/** The actions with an abuse limit (issue 14), each counted per client address and per account. */
export type RateLimitedAction = 'memberLogin' | 'join' | 'signIn' | 'claim' | 'redeem' | 'staffLogin' | 'operatorLogin'

/** At most `perClient` calls from one address and `perAccount` for one account in each window of `windowSeconds`. */
export interface RateLimit {
  perClient: number
  perAccount: number
  windowSeconds: number
}

/** Where the counters live: the database's `rate_limits` table, or Redis; both are shared by every instance. */
export interface RateLimitCounter {
  /** Counts one hit on `bucket`; answers the hits in its current window (this one included) and when it ends. */
  hit(bucket: string, windowMs: number, now: Date): Promise<{ hits: number; resetsAtMs: number }>
}

/** Everything the app needs from outside; the server entry builds it from config, tests build their own. */
export interface Deps {
  db: Kysely<Database>
  databaseKind: DatabaseKind
  clock: Clock
  logger: Logger
  version: string
  /** Shared secret for POST /webhooks/orders; null answers 503 there. */
  webhookSecret: string | null
  /** HMAC secret that signs store join-QR scenes; null issues no scenes and refuses every scene. */
  qrSceneSecret: string | null
  /** WeChat Pay, or the local provider in development and demos; null refuses points-plus-cash redemptions. */
  payments: PaymentProvider | null
  /** Uploaded images' bytes (the `uploads` table keeps what is known about each). */
  images: ImageStore
  /** How store join QR codes are drawn: a WeChat mini-program code when `wechat` is set, else a QR of the H5 URL. */
  joinQr: {
    /** Where the H5 app is reached from outside, without a trailing slash; join URLs start with it. */
    publicBaseUrl: string
    wechat: { appId: string; appSecret: string; apiBase: string; envVersion: 'release' | 'trial' | 'develop' } | null
  }
  /** WeChat subscribe messages and SMS; either may be null (not configured), the inbox always works. */
  outreach: OutreachAdapters
  /** Shared secret in the query of POST /webhooks/sms/inbound (Alibaba Cloud SmsUp push); unset refuses every push. */
  smsInboundToken?: string | null
  mall: {
    /** An unpaid points-plus-cash redemption expires this long after it was placed. */
    paymentTimeoutMinutes: number
  }
  /**
   * Tests and the browser tests' server set this: every successful JSON answer is then checked against the
   * schema its route documents, so the OpenAPI document cannot drift from what is sent.
   */
  checkResponses?: boolean
  /**
   * Abuse limits: the counter (unset: the database's table) and the limits (unset: the defaults in
   * auth/rate-limit-settings.ts, overridden per action by RATE_LIMITS).
   */
  rateLimits?: { counter?: RateLimitCounter; limits?: Partial<Record<RateLimitedAction, RateLimit>> }
  auth: {
    localLoginEnabled: boolean
    sessionTtlHours: number
    /** Null when no WeChat app id and secret are configured. */
    wechat: WechatLogin | null
    /**
     * 微信手机号快捷登录: WeChat's getPhoneNumber when the app id and secret are configured, the local stand-in
     * when only local login is on, else null (the route answers WECHAT_LOGIN_DISABLED).
     */
    wechatPhone?: WechatPhoneNumbers | null
  }
}

export interface AppEnv {
  Variables: { deps: Deps; memberId: string; requestId: string; principal: Principal }
}

export const systemClock: Clock = { now: () => new Date() }
