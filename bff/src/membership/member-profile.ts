import type { MemberProfile } from '@mc/shared'
import type { Kysely, Selectable } from 'kysely'
import type { Database, MembersTable } from '../db/schema'

export const maskPhone = (phone: string | null) => (phone ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : null)

export async function memberProfile(db: Kysely<Database>, row: Selectable<MembersTable>): Promise<MemberProfile> {
  const outlet = row.source_outlet_id
    ? await db.selectFrom('outlets').select(['id', 'name']).where('id', '=', row.source_outlet_id).executeTakeFirst()
    : undefined
  return {
    id: row.id,
    nickname: row.nickname,
    phoneMasked: maskPhone(row.phone),
    joinedAt: row.joined_at,
    sourceOutlet: outlet ?? null,
  }
}

export async function findMember(db: Kysely<Database>, memberId: string) {
  return db.selectFrom('members').selectAll().where('id', '=', memberId).executeTakeFirstOrThrow()
}
