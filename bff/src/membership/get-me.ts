import { AppError, tierProgress, type MeResponse, type Tier } from '@mc/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import { findMember, memberProfile } from './member-profile'

export async function listTiers(db: Kysely<Database>): Promise<Tier[]> {
  return db.selectFrom('tiers').select(['id', 'name', 'threshold']).orderBy('position').execute()
}

/**
 * The member with tier and progress. Growth is zero until the growth ledger exists (issue 3); the tier and
 * progress already come from the tier table and the shared rule, so only the growth figure will change.
 */
export async function getMe(db: Kysely<Database>, memberId: string): Promise<MeResponse> {
  const row = await findMember(db, memberId)
  if (row.joined_at === null) throw new AppError('MEMBER_NOT_JOINED')
  const tiers = await listTiers(db)
  const growth = 0
  const progress = tierProgress(tiers, growth)
  return { member: await memberProfile(db, row), growth, ...progress, tiers }
}
