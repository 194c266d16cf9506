import {
  AppError,
  JoinBody,
  JoinResponseSchema,
  LocalLoginBody,
  LoggedOutSchema,
  LoginResponseSchema,
  MeResponse,
  WechatLoginBody,
  WechatPhoneLoginBody,
} from '@mc/shared'
import { Hono } from 'hono'
import type { AppEnv } from '../deps'
import { validate } from '../http/validate'
import { getMeForToken } from './get-me'
import { meJson } from './me-json'
import { jsonText } from '../http/json-text'
import { joinMember } from './join-member'
import { loginMember } from './login-member'
import { bearerToken, requireShopper } from '../auth/require-member'
import { endShopperSession } from '../auth/shopper-token'
import { tokenHash } from '../auth/bearer-tokens'
import { documentRoute } from '../openapi/document-route'
import { rateLimit, rateLimitAccount } from '../auth/rate-limit'

export const authRoutes = new Hono<AppEnv>()
  .post(
    '/local',
    documentRoute({
      summary: 'Log in with a phone number (development and H5 demo only)',
      auth: 'none',
      ok: { 200: { description: 'LoginResponse', schema: LoginResponseSchema } },
      errors: ['LOCAL_LOGIN_DISABLED', 'RATE_LIMITED'],
    }),
    validate('json', LocalLoginBody),
    async (c) => {
      const deps = c.var.deps
      if (!deps.auth.localLoginEnabled) throw new AppError('LOCAL_LOGIN_DISABLED')
      const { phone } = c.req.valid('json')
      await rateLimit(c, 'memberLogin', `phone:${phone}`)
      return c.json(await loginMember(deps, { kind: 'phone', phone }), 200)
    },
  )
  .post(
    '/wechat',
    documentRoute({
      summary: 'Log in with a wx.login code (exchanged once through jscode2session)',
      auth: 'none',
      ok: { 200: { description: 'LoginResponse', schema: LoginResponseSchema } },
      errors: ['WECHAT_LOGIN_DISABLED', 'WECHAT_CODE_INVALID', 'WECHAT_UNAVAILABLE', 'RATE_LIMITED'],
    }),
    validate('json', WechatLoginBody),
    async (c) => {
      const deps = c.var.deps
      if (!deps.auth.wechat) throw new AppError('WECHAT_LOGIN_DISABLED')
      // The address is counted before WeChat is asked; the account (openid) only WeChat's answer names.
      await rateLimit(c, 'memberLogin')
      const wechat = await deps.auth.wechat.exchangeCode(c.req.valid('json').code)
      await rateLimitAccount(deps, 'memberLogin', `openid:${wechat.openid}`)
      return c.json(await loginMember(deps, { kind: 'wechat', wechat }), 200)
    },
  )
  .post(
    '/wechat-phone',
    documentRoute({
      summary: 'Log in with the code of a getPhoneNumber button (微信手机号快捷登录), as the phone login does',
      auth: 'none',
      ok: { 200: { description: 'LoginResponse', schema: LoginResponseSchema } },
      errors: [
        'WECHAT_LOGIN_DISABLED',
        'WECHAT_PHONE_CODE_INVALID',
        'WECHAT_PHONE_UNSUPPORTED',
        'WECHAT_UNAVAILABLE',
        'RATE_LIMITED',
      ],
    }),
    validate('json', WechatPhoneLoginBody),
    async (c) => {
      const deps = c.var.deps
      if (!deps.auth.wechatPhone) throw new AppError('WECHAT_LOGIN_DISABLED')
      // As with the code login, the address is counted first; the account is the number WeChat answers.
      await rateLimit(c, 'memberLogin')
      const phone = await deps.auth.wechatPhone.phoneOf(c.req.valid('json').code)
      await rateLimitAccount(deps, 'memberLogin', `phone:${phone}`)
      return c.json(await loginMember(deps, { kind: 'phone', phone }), 200)
    },
  )
  .post(
    '/logout',
    documentRoute({
      summary: 'End this session',
      auth: 'member',
      ok: { 200: { description: 'Logged out', schema: LoggedOutSchema } },
    }),
    requireShopper,
    async (c) => {
      const { db, clock } = c.var.deps
      await endShopperSession(db, c.var.shopper, bearerToken(c.req.header('authorization')), clock.now())
      return c.json({ loggedOut: true as const }, 200)
    },
  )

// Middleware is attached per route: a `.use()` here would also guard every sibling mounted under /api.
export const memberRoutes = new Hono<AppEnv>()
  .post(
    '/members/join',
    documentRoute({
      summary: 'Join as a member, optionally from a store QR code',
      auth: 'member',
      ok: { 200: { description: 'JoinResponse', schema: JoinResponseSchema } },
      errors: ['OUTLET_SCENE_INVALID', 'OUTLET_NOT_FOUND', 'RATE_LIMITED'],
    }),
    requireShopper,
    validate('json', JoinBody),
    async (c) => {
      // Counted per session token: it stays the same from visitor to member (a member id would start a new count
      // the moment the first join succeeds), and logins, which make new tokens, are limited per phone and openid.
      const session = tokenHash(bearerToken(c.req.header('authorization'))).slice(0, 32)
      await rateLimit(c, 'join', `session:${session}`)
      return c.json(await joinMember(c.var.deps, c.var.shopper, c.req.valid('json')), 200)
    },
  )
  .get(
    '/me',
    documentRoute({
      summary: 'Tier, progress to the next tier, retain condition and points',
      auth: 'member',
      ok: { 200: { description: 'The member with tier, progress and points', schema: MeResponse } },
      errors: ['MEMBER_NOT_JOINED'],
    }),
    // No requireMember: the home read looks the session up in its own statement (getMeForToken) and refuses a
    // token exactly as the middleware does.
    async (c) => {
      const { db, clock } = c.get('deps')
      const me = await getMeForToken(db, bearerToken(c.req.header('authorization')), clock.now())
      return jsonText(c, meJson(me))
    },
  )
