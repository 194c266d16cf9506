import { AppError, businessDayOf, type AdminBirthdayBody, type AdminBirthdayView } from '@mc/shared'
import type { Kysely } from 'kysely'
import { audit } from '../audit/audit'
import type { Database } from '../db/schema'
import { publishedProgram } from '../program/published-program'

/**
 * An operator sets or corrects a member's birthday (the member may set it only once), with the reason, in one
 * transaction with its audit line: who changed it, from what to what, and why.
 */
export async function setBirthdayByOperator(
  db: Kysely<Database>,
  input: { memberId: string; body: AdminBirthdayBody; actor: string; now: Date },
): Promise<AdminBirthdayView> {
  const { memberId, body, actor, now } = input
  return db.transaction().execute(async (trx) => {
    const { rules } = await publishedProgram(trx)
    if (body.birthday > businessDayOf(now, rules.calendar)) {
      throw new AppError('INVALID_REQUEST', { issues: [{ path: 'birthday', message: '生日不能晚于今天' }] })
    }
    const row = await trx.selectFrom('members').select('birthday').where('id', '=', memberId).executeTakeFirst()
    if (!row) throw new AppError('MEMBER_NOT_FOUND')
    await trx
      .updateTable('members')
      .set({ birthday: body.birthday, birthday_set_by: actor })
      .where('id', '=', memberId)
      .execute()
    await audit(trx, {
      actor,
      action: 'member.birthday.set',
      targetType: 'member',
      targetId: memberId,
      detail: { previous: row.birthday, birthday: body.birthday, reason: body.reason },
      now,
    })
    return { memberId, birthday: body.birthday, previous: row.birthday }
  })
}
