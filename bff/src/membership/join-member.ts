import { AppError, type JoinBody, type JoinResponse } from '@mc/shared'
import type { Deps } from '../deps'
import { outletIdFromScene } from '../outlets/outlet-scene'
import { publishedProgram } from '../program/published-program'
import { giveJoinGift } from './give-join-gift'
import { findMember, memberProfile } from './member-profile'
import { recordTierChange } from '../tiers/member-tier'
import type { Shopper } from '../auth/shopper-token'
import { memberFromVisitor } from './member-from-visitor'

/**
 * Turns a logged-in shopper (a visitor, or a member on file who has not joined) into a member on the entry tier,
 * with the new-member gift if the rules give one. Joining again changes nothing (the first source channel stays),
 * and the `joined_at IS NULL` guard makes two racing joins record one source and one tier row.
 */
export async function joinMember(deps: Deps, shopper: Shopper, body: JoinBody): Promise<JoinResponse> {
  const { db, clock } = deps
  const now = clock.now()
  // Only a signed store scene names a store: a plain id could be typed by anyone to claim a store's join
  // bonus or attribution. A forged scene is 400 before anything is written.
  const outletId = body.scene ? outletIdFromScene(deps.qrSceneSecret, body.scene) : undefined
  const { memberId, joinedNow } = await db.transaction().execute(async (trx) => {
    const outlet = outletId
      ? await trx.selectFrom('outlets').select('id').where('id', '=', outletId).executeTakeFirst()
      : null
    if (outletId && !outlet) throw new AppError('OUTLET_NOT_FOUND', { outletId })
    // A visitor's member row is written here, after the scene and store were accepted, so a refused join leaves none.
    const memberId = shopper.kind === 'member' ? shopper.memberId : await memberFromVisitor(trx, shopper.visitor, now)
    const result = await trx
      .updateTable('members')
      .set({
        joined_at: now.toISOString(),
        source_outlet_id: outlet?.id ?? null,
        source_channel: outlet ? 'outlet_qr' : 'shop',
        ...(body.nickname ? { nickname: body.nickname } : {}),
      })
      .where('id', '=', memberId)
      .where('joined_at', 'is', null)
      .executeTakeFirst()
    if (result.numUpdatedRows === 0n) return { memberId, joinedNow: false }
    const program = await publishedProgram(trx)
    const entry = { key: program.rules.tiers[0].key, validUntil: null }
    await recordTierChange(trx, { memberId, change: { kind: 'join', state: entry }, growth: 0, program, now })
    await giveJoinGift(trx, memberId, program, now)
    return { memberId, joinedNow: true }
  })
  return { member: await memberProfile(db, await findMember(db, memberId)), joinedNow }
}
