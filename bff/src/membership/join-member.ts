import { AppError, type JoinBody, type JoinResponse } from '@mc/shared'
import type { Deps } from '../deps'
import { findMember, memberProfile } from './member-profile'

/**
 * Turns a logged-in shopper into a member. Joining again changes nothing (the first source channel stays),
 * and the `joined_at IS NULL` guard makes two racing joins record one source.
 */
export async function joinMember(deps: Deps, memberId: string, body: JoinBody): Promise<JoinResponse> {
  const { db, clock } = deps
  const outlet = body.outletId
    ? await db.selectFrom('outlets').select('id').where('id', '=', body.outletId).executeTakeFirst()
    : null
  if (body.outletId && !outlet) throw new AppError('OUTLET_NOT_FOUND', { outletId: body.outletId })

  const result = await db.updateTable('members')
    .set({
      joined_at: clock.now().toISOString(),
      source_outlet_id: outlet?.id ?? null,
      source_channel: outlet ? 'outlet_qr' : 'shop',
      ...(body.nickname ? { nickname: body.nickname } : {}),
    })
    .where('id', '=', memberId)
    .where('joined_at', 'is', null)
    .executeTakeFirst()
  const member = await memberProfile(db, await findMember(db, memberId))
  return { member, joinedNow: result.numUpdatedRows > 0n }
}
