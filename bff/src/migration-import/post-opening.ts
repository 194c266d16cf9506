import type { Transaction } from 'kysely'
import type { Database } from '../db/schema'
import { earn } from '../earning/earn'
import { recordTierChange } from '../tiers/member-tier'
import { entryTierState, openingCredits, type ImportContext, type ImportTarget } from './import-context'

/**
 * One row through the ordinary one-posting-at-a-time path: joins the member if needed, then earns the openings
 * with `earn` (which locks and reads the account, so it is right for members who may already hold balances, and
 * upgrades on the growth balance the openings leave).
 *
 * An opening's upgrade writes no congratulation to the inbox, here or in the bulk writer: the opening carries a
 * standing the member already held in the old system, so "恭喜升级" on migration day would announce something
 * that did not happen, and a million-row import would fill a million inboxes. The writers spec checks both agree.
 */
export async function postOpening(
  trx: Transaction<Database>,
  target: ImportTarget,
  context: ImportContext,
): Promise<void> {
  const { member } = target
  const { program } = context
  const { now } = context.time
  const joinedNow = member.fresh || (await updateExistingMember(trx, target, context))
  if (joinedNow) {
    await recordTierChange(trx, {
      memberId: member.id,
      change: { kind: 'join', state: entryTierState(program) },
      growth: 0,
      program,
      now,
    })
  }
  const credits = openingCredits(target, context)
  if (credits.length > 0) await earn(trx, { credits, program, now, congratulate: false })
}

/**
 * Brings a member who was already here up to what the row says without overwriting what they told us: joins
 * them from the shop if they never joined, links a phone or openid they did not have, fills an unknown birthday.
 * Returns whether this call joined them. The `joined_at IS NULL` guard keeps a join racing the app's join to one.
 */
async function updateExistingMember(
  trx: Transaction<Database>,
  target: ImportTarget,
  context: ImportContext,
): Promise<boolean> {
  const { member, row, link } = target
  const fill = {
    ...(link.phone ? { phone: link.phone } : {}),
    ...(link.openid ? { openid: link.openid } : {}),
    ...(row.birthday && !member.birthday ? { birthday: row.birthday } : {}),
  }
  if (Object.keys(fill).length > 0) await trx.updateTable('members').set(fill).where('id', '=', member.id).execute()
  if (member.joinedAt) return false
  const joined = await trx
    .updateTable('members')
    .set({ joined_at: context.time.now.toISOString(), source_channel: 'shop' })
    .where('id', '=', member.id)
    .where('joined_at', 'is', null)
    .executeTakeFirst()
  return joined.numUpdatedRows > 0n
}
