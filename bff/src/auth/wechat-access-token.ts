import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import type { Clock } from '../deps'
import { callWechat } from './wechat-api'

/** What the BFF needs to ask WeChat for an access token: the app's credentials and where WeChat's API is. */
export interface WechatAppCredentials {
  appId: string
  appSecret: string
  /** `https://api.weixin.qq.com`, or a test's fake server. */
  apiBase: string
}

/** A token is renewed this long before WeChat says it expires, so a call never carries one about to lapse. */
export const accessTokenRenewMarginMs = 5 * 60 * 1000

/** errcodes meaning "this access_token is no good": fetch a new one and make the call once more. */
export const staleTokenErrors: ReadonlySet<number> = new Set([40001, 40014, 42001])

/** WeChat refused to issue a token (wrong app id or secret, quota); the message carries no secret. */
export class WechatTokenRefused extends Error {
  constructor(
    readonly errcode: number | null,
    readonly errmsg: string | null,
  ) {
    super(`WeChat refused the access token request (errcode ${errcode ?? 'none'})`)
    this.name = 'WechatTokenRefused'
  }
}

/**
 * Fetches in flight, per database and app: callers in one process that find the stored token stale at the same
 * moment share one fetch. Only the promise is kept, and only while it is pending; the token itself lives in the
 * database, so every instance uses the same one.
 */
const inFlight = new WeakMap<Kysely<Database>, Map<string, Promise<string>>>()

/**
 * The app's access token, shared by every BFF instance through `wechat_access_tokens`: the stored one while more
 * than five minutes are left, else a new one from `GET /cgi-bin/token`. `staleToken` is the token WeChat just
 * answered 40001/40014/42001 to: a different fresh token in the row (another instance renewed it) is used as it is,
 * else a new one is fetched.
 *
 * We keep `/cgi-bin/token` rather than `/cgi-bin/stable_token` because the join-QR code already uses it and each
 * app has one token per API. Two instances may still fetch at nearly the same moment; that race is harmless:
 * WeChat keeps the older token valid for five minutes after issuing a newer one, the row keeps whichever was
 * fetched last (the conditional upsert below), and a call that meets a token WeChat has since retired gets 40001
 * and comes back here once with `staleToken`, which heals the row with a single extra fetch.
 */
export async function wechatAccessToken(
  db: Kysely<Database>,
  app: WechatAppCredentials,
  clock: Clock,
  options: { staleToken?: string; fetch?: typeof fetch } = {},
): Promise<string> {
  const row = await db
    .selectFrom('wechat_access_tokens')
    .select(['token', 'expires_at'])
    .where('app_id', '=', app.appId)
    .executeTakeFirst()
  const renewAt = row ? Date.parse(row.expires_at) - accessTokenRenewMarginMs : 0
  if (row && row.token !== options.staleToken && clock.now().getTime() < renewAt) return row.token

  let pending = inFlight.get(db)
  if (!pending) {
    pending = new Map()
    inFlight.set(db, pending)
  }
  const shared = pending
  const existing = shared.get(app.appId)
  if (existing) return existing
  const fetching = fetchAndStore(db, app, clock, options.fetch).finally(() => shared.delete(app.appId))
  shared.set(app.appId, fetching)
  return fetching
}

/** `GET /cgi-bin/token`; the URL carries the app secret, so it is never logged or put into an error. */
async function fetchAndStore(
  db: Kysely<Database>,
  app: WechatAppCredentials,
  clock: Clock,
  fetchImpl: typeof fetch | undefined,
): Promise<string> {
  const url = new URL('/cgi-bin/token', app.apiBase)
  url.search = new URLSearchParams({
    grant_type: 'client_credential',
    appid: app.appId,
    secret: app.appSecret,
  }).toString()
  const response = await callWechat(url, { method: 'GET' }, { fetch: fetchImpl })
  let answer: { errcode?: number; errmsg?: string; access_token?: string; expires_in?: number }
  try {
    answer = (await response.json()) as typeof answer
  } catch {
    throw new WechatTokenRefused(null, 'not JSON')
  }
  if (answer.errcode || !answer.access_token || !answer.expires_in) {
    throw new WechatTokenRefused(answer.errcode ?? null, answer.errmsg?.slice(0, 200) ?? null)
  }
  const fetchedAt = clock.now()
  const row = {
    token: answer.access_token,
    expires_at: new Date(fetchedAt.getTime() + answer.expires_in * 1000).toISOString(),
    fetched_at: fetchedAt.toISOString(),
  }
  // The newest fetch wins: a slow instance finishing late must not put back a token WeChat has already replaced.
  await db
    .insertInto('wechat_access_tokens')
    .values({ app_id: app.appId, ...row })
    .onConflict((oc) =>
      oc.column('app_id').doUpdateSet(row).where('wechat_access_tokens.fetched_at', '<=', row.fetched_at),
    )
    .execute()
  return answer.access_token
}
