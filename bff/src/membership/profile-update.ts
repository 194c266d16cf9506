import { AppError, businessDayOf, uploadIdFromUrl, type ProfilePatch, type ProfileView } from '@mc/shared'
import type { Transaction } from 'kysely'
import type { Database } from '../db/schema'
import type { Deps } from '../deps'
import { publishedProgram } from '../program/published-program'
import { creditProfileCompleted } from './profile-completed'
import { joinedMemberRow, missingOf, profileView, regionText } from './profile-view'

const invalid = (path: string, message: string) => new AppError('INVALID_REQUEST', { issues: [{ path, message }] })

/**
 * PATCH /api/me/profile: saves the fields sent, and once every required field is filled credits the
 * profile-completed task, all in one transaction (a refused field leaves nothing changed and nothing credited).
 * The birthday is the member's to set once: a second, different one is BIRTHDAY_LOCKED, so nobody moves it to
 * next month for a second birthday gift; the same day again is a harmless retry.
 */
export async function updateProfile(deps: Deps, memberId: string, patch: ProfilePatch): Promise<ProfileView> {
  const now = deps.clock.now()
  return deps.db.transaction().execute(async (trx) => {
    const program = await publishedProgram(trx)
    await joinedMemberRow(trx, memberId)
    if (patch.birthday !== undefined) await setOwnBirthday(trx, memberId, patch.birthday, program.rules, now)
    if (patch.avatar) await checkAvatarStored(trx, patch.avatar)
    const fields = {
      ...(patch.nickname !== undefined ? { nickname: patch.nickname, nickname_set_at: now.toISOString() } : {}),
      ...(patch.avatar !== undefined ? { avatar: patch.avatar } : {}),
      ...(patch.gender !== undefined ? { gender: patch.gender } : {}),
      ...(patch.region !== undefined ? { region: regionText(patch.region) } : {}),
    }
    if (Object.keys(fields).length > 0) {
      await trx.updateTable('members').set(fields).where('id', '=', memberId).execute()
    }
    const row = await joinedMemberRow(trx, memberId)
    const rewarded = missingOf(row).length === 0 ? await creditProfileCompleted(trx, memberId, program, now) : null
    return profileView(await joinedMemberRow(trx, memberId), program.rules, rewarded)
  })
}

/** Takes the birthday only while none is set, by one conditional update, so two racing requests set one day. */
async function setOwnBirthday(
  trx: Transaction<Database>,
  memberId: string,
  birthday: string,
  rules: { calendar: { timeZone: string; dayStartMinute: number } },
  now: Date,
): Promise<void> {
  if (birthday > businessDayOf(now, rules.calendar)) throw invalid('birthday', '生日不能晚于今天')
  const taken = await trx
    .updateTable('members')
    .set({ birthday, birthday_set_by: 'member' })
    .where('id', '=', memberId)
    .where('birthday', 'is', null)
    .executeTakeFirst()
  if (Number(taken.numUpdatedRows) > 0) return
  const current = await trx.selectFrom('members').select('birthday').where('id', '=', memberId).executeTakeFirst()
  if (current?.birthday !== birthday) throw new AppError('BIRTHDAY_LOCKED', { birthday: current?.birthday ?? null })
}

/** An avatar names an upload that is stored, so a made-up id is refused now, not found later as a broken picture. */
async function checkAvatarStored(trx: Transaction<Database>, avatar: string): Promise<void> {
  const id = uploadIdFromUrl(avatar)
  const row = id ? await trx.selectFrom('uploads').select('id').where('id', '=', id).executeTakeFirst() : undefined
  if (!row) throw invalid('avatar', '头像不存在，请重新上传')
}
