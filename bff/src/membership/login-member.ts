import { newId, type LoginResponse } from '@mc/shared'
import type { Deps } from '../deps'
import { findMember, memberProfile } from './member-profile'
import { issueSession } from '../auth/member-sessions'
import type { WechatIdentity } from '../auth/wechat-login'

/** A shopper is known by a phone (local login) or a WeChat openid. */
export type LoginIdentity = { kind: 'phone'; phone: string } | { kind: 'wechat'; wechat: WechatIdentity }

const defaultNickname = (identity: LoginIdentity) =>
  identity.kind === 'phone' ? `会员${identity.phone.slice(-4)}` : `微信用户${identity.wechat.openid.slice(-4)}`

/**
 * Finds or creates the member for an identity and opens a session. The insert ignores a conflict on the unique
 * identity column, so two first logins racing each other end with one member, not an error.
 */
export async function loginMember(deps: Deps, identity: LoginIdentity): Promise<LoginResponse> {
  const { db, clock } = deps
  const now = clock.now().toISOString()
  const column = identity.kind === 'phone' ? 'phone' : 'openid'
  const value = identity.kind === 'phone' ? identity.phone : identity.wechat.openid
  await db
    .insertInto('members')
    .values({
      id: newId('mbr'),
      openid: identity.kind === 'wechat' ? identity.wechat.openid : null,
      unionid: identity.kind === 'wechat' ? identity.wechat.unionid : null,
      phone: identity.kind === 'phone' ? identity.phone : null,
      nickname: defaultNickname(identity),
      joined_at: null,
      source_outlet_id: null,
      source_channel: null,
      created_at: now,
    })
    .onConflict((oc) => oc.column(column).doNothing())
    .execute()
  const { id } = await db.selectFrom('members').select('id').where(column, '=', value).executeTakeFirstOrThrow()

  if (identity.kind === 'wechat') {
    await db
      .insertInto('wechat_sessions')
      .values({ member_id: id, session_key: identity.wechat.sessionKey, updated_at: now })
      .onConflict((oc) =>
        oc.column('member_id').doUpdateSet({ session_key: identity.wechat.sessionKey, updated_at: now }),
      )
      .execute()
  }
  const session = await issueSession(db, id, clock.now(), deps.auth.sessionTtlHours)
  return { ...session, member: await memberProfile(db, await findMember(db, id)) }
}
