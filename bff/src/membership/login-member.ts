import type { LoginResponse } from '@mc/shared'
import type { Deps } from '../deps'
import { memberProfile } from './member-profile'
import { issueSession } from '../auth/member-sessions'
import { issueVisitorSession } from '../auth/visitor-sessions'
import type { WechatIdentity } from '../auth/wechat-login'

/** A shopper is known by a phone (local login) or a WeChat openid. */
export type LoginIdentity = { kind: 'phone'; phone: string } | { kind: 'wechat'; wechat: WechatIdentity }

/**
 * Opens a session for an identity. A member already on file (joined, or imported and not yet joined) gets a member
 * session; anyone else a visitor session and `member: null`, and no member row is written until they join, so a
 * phone that only looks around leaves nothing behind.
 */
export async function loginMember(deps: Deps, identity: LoginIdentity): Promise<LoginResponse> {
  const { db, clock } = deps
  const now = clock.now()
  const ttlHours = deps.auth.sessionTtlHours
  const existing =
    identity.kind === 'phone'
      ? await db.selectFrom('members').selectAll().where('phone', '=', identity.phone).executeTakeFirst()
      : await db.selectFrom('members').selectAll().where('openid', '=', identity.wechat.openid).executeTakeFirst()
  if (!existing) {
    const visitor = identity.kind === 'phone' ? identity : ({ kind: 'wechat', ...identity.wechat } as const)
    return { ...(await issueVisitorSession(db, visitor, now, ttlHours)), member: null }
  }
  if (identity.kind === 'wechat') {
    const at = now.toISOString()
    const sessionKey = identity.wechat.sessionKey
    await db
      .insertInto('wechat_sessions')
      .values({ member_id: existing.id, session_key: sessionKey, updated_at: at })
      .onConflict((oc) => oc.column('member_id').doUpdateSet({ session_key: sessionKey, updated_at: at }))
      .execute()
  }
  const session = await issueSession(db, existing.id, now, ttlHours)
  return { ...session, member: await memberProfile(db, existing) }
}
