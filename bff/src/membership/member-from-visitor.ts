import { newId } from '@mc/shared'
import type { Transaction } from 'kysely'
import type { Database } from '../db/schema'
import { promoteVisitorSessions, type VisitorSession, visitorIdentityColumn } from '../auth/visitor-sessions'

const defaultNickname = (visitor: VisitorSession) =>
  visitor.phone !== null ? `会员${visitor.phone.slice(-4)}` : `微信用户${(visitor.openid ?? '').slice(-4)}`

/**
 * The member row for a visitor who is joining, written in the join's transaction and found again if a racing
 * join (or another device of the same phone) wrote it first; the insert ignores a conflict on the unique identity,
 * so two first joins end with one member. The visitor's tokens become that member's sessions.
 */
export async function memberFromVisitor(trx: Transaction<Database>, visitor: VisitorSession, now: Date) {
  const at = now.toISOString()
  const { column, value } = visitorIdentityColumn(visitor)
  await trx
    .insertInto('members')
    .values({
      id: newId('mbr'),
      openid: visitor.openid,
      unionid: visitor.unionid,
      phone: visitor.phone,
      nickname: defaultNickname(visitor),
      joined_at: null,
      source_outlet_id: null,
      source_channel: null,
      created_at: at,
    })
    .onConflict((oc) => oc.column(column).doNothing())
    .execute()
  const { id } = await trx.selectFrom('members').select('id').where(column, '=', value).executeTakeFirstOrThrow()
  if (visitor.session_key !== null) {
    const sessionKey = visitor.session_key
    await trx
      .insertInto('wechat_sessions')
      .values({ member_id: id, session_key: sessionKey, updated_at: at })
      .onConflict((oc) => oc.column('member_id').doUpdateSet({ session_key: sessionKey, updated_at: at }))
      .execute()
  }
  await promoteVisitorSessions(trx, visitor, id, now)
  return id
}
