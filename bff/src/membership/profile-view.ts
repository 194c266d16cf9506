import {
  AppError,
  awardForEvent,
  missingProfileFields,
  type ProfileFields,
  type ProfileReward,
  type ProfileView,
  type ProgramRules,
} from '@mc/shared'
import type { Kysely, Selectable } from 'kysely'
import type { Database, MembersTable } from '../db/schema'
import { publishedProgram } from '../program/published-program'

/** Regions are stored as their parts joined by '/', which no part may contain (the schema refuses it). */
export const regionText = (parts: readonly string[]) => parts.join('/')
const regionParts = (text: string | null) => (text === null || text === '' ? null : text.split('/'))

/**
 * The fields the profile-completed task looks at. The nickname counts only once the member chose it: the one
 * made at login (会员1234) is a placeholder, not an answer.
 */
export function profileFieldsOf(row: Selectable<MembersTable>): ProfileFields {
  return {
    nickname: row.nickname_set_at === null ? null : row.nickname,
    gender: row.gender,
    birthday: row.birthday,
    region: regionParts(row.region),
  }
}

/** The required fields this member has not filled. */
export const missingOf = (row: Selectable<MembersTable>) => missingProfileFields(profileFieldsOf(row))

/** What completing the profile pays under these rules, on each ledger. */
export function profileReward(rules: ProgramRules): ProfileReward {
  return {
    growth: awardForEvent(rules.growth.sources.profileCompleted),
    points: awardForEvent(rules.points.sources.profileCompleted),
  }
}

/** The member's profile as the profile page shows it. */
export function profileView(
  row: Selectable<MembersTable>,
  rules: ProgramRules,
  rewarded: ProfileReward | null = null,
): ProfileView {
  return {
    nickname: row.nickname,
    avatar: row.avatar,
    gender: row.gender,
    birthday: row.birthday,
    birthdayLocked: row.birthday !== null,
    region: regionParts(row.region),
    missing: missingOf(row),
    completedAt: row.profile_completed_at,
    reward: profileReward(rules),
    rewarded,
  }
}

/** A joined member's row; a shopper who has only logged in has no profile yet. */
export async function joinedMemberRow(db: Kysely<Database>, memberId: string): Promise<Selectable<MembersTable>> {
  const row = await db.selectFrom('members').selectAll().where('id', '=', memberId).executeTakeFirst()
  if (!row) throw new AppError('MEMBER_NOT_FOUND')
  if (row.joined_at === null) throw new AppError('MEMBER_NOT_JOINED')
  return row
}

/** GET /api/me/profile. */
export async function getProfile(db: Kysely<Database>, memberId: string): Promise<ProfileView> {
  const row = await joinedMemberRow(db, memberId)
  return profileView(row, (await publishedProgram(db)).rules)
}
