import { AppError, cardNoLength, type MemberSearchPage, type ProgramRules, type MemberSearchRow } from '@mc/shared'
import { sql, type Kysely } from 'kysely'
import { audit } from '../audit/audit'
import { cursorPage } from '../db/cursor-page'
import { isPostgres } from '../db/engine'
import type { Database } from '../db/schema'
import { publishedProgram } from '../program/published-program'
import { maskPhone } from './member-profile'

/** What the console's member search was given: a phone and a card number match exactly, anything else a nickname. */
export function searchKind(q: string | undefined): MemberSearchPage['matchedBy'] {
  if (q === undefined) return 'recent'
  if (/^\d{11}$/.test(q)) return 'phone'
  if (new RegExp(`^\\d{${cardNoLength}}$`).test(q)) return 'card'
  return 'nickname'
}

/**
 * Lists and member pages show 138****1234 to every role: a whole phone is only ever sent by the reveal, which
 * needs `members.phone` and is audited, so every unmasked view is in the audit log.
 */
export const maskedPhone = (phone: string | null) => ({ phone: maskPhone(phone), phoneMasked: true })

/**
 * Members by phone (exactly, unique index), card number (exactly, unique index) or the start of their nickname
 * (`members_nickname`), newest first by id; without `q` the newest members. Phones are masked.
 */
export async function searchMembers(
  db: Kysely<Database>,
  query: { q?: string; cursor?: string; limit: number },
): Promise<MemberSearchPage> {
  // Digits may come spaced or dashed as they are printed (138 0013 8000); names are taken as typed.
  const q = query.q !== undefined && /^[\d\s-]+$/.test(query.q) ? query.q.replace(/[\s-]/g, '') : query.q
  const matchedBy = searchKind(q)
  let select = db
    .selectFrom('members')
    .leftJoin('member_codes', 'member_codes.member_id', 'members.id')
    .leftJoin('member_tiers', 'member_tiers.member_id', 'members.id')
    .leftJoin('outlets', 'outlets.id', 'members.source_outlet_id')
    .select([
      'members.id',
      'members.nickname',
      'members.phone',
      'members.joined_at',
      'member_codes.card_no',
      'member_tiers.tier_key',
      'outlets.id as outlet_id',
      'outlets.name as outlet_name',
    ])
  if (q !== undefined && matchedBy === 'phone') select = select.where('members.phone', '=', q)
  if (q !== undefined && matchedBy === 'card') select = select.where('member_codes.card_no', '=', q)
  if (q !== undefined && matchedBy === 'nickname') select = select.where(nicknameStartsWith(db, q))
  if (query.cursor !== undefined) select = select.where('members.id', '<', query.cursor)
  const rows = await select
    .orderBy('members.id', 'desc')
    .limit(query.limit + 1)
    .execute()
  const { page, nextCursor } = cursorPage(rows, query.limit)
  const { rules } = await publishedProgram(db)
  const members = page.map(
    (row): MemberSearchRow => ({
      id: row.id,
      nickname: row.nickname,
      ...maskedPhone(row.phone),
      cardNo: row.card_no,
      joinedAt: row.joined_at,
      tier: row.joined_at === null ? null : tierRef(rules, row.tier_key),
      sourceOutlet: row.outlet_id && row.outlet_name ? { id: row.outlet_id, name: row.outlet_name } : null,
    }),
  )
  return { matchedBy, members, nextCursor }
}

/** A tier's key and name; a joined member without a tier row stands on the entry tier. */
function tierRef(rules: ProgramRules, key: string | null) {
  const tier = rules.tiers.find((t) => t.key === key) ?? rules.tiers[0]
  return { key: tier.key, name: tier.name }
}

/**
 * A nickname prefix both engines answer from the `members_nickname` index: PostgreSQL's LIKE with pattern ops,
 * SQLite's binary order between the prefix and the prefix followed by the highest code point.
 */
function nicknameStartsWith(db: Kysely<Database>, prefix: string) {
  if (isPostgres(db)) {
    const pattern = `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    return sql<boolean>`members.nickname like ${pattern}`
  }
  return sql<boolean>`members.nickname >= ${prefix} and members.nickname < ${`${prefix}\u{10FFFF}`}`
}

/** The member's whole phone, for a caller allowed to see it; every reveal is in the audit log. */
export async function revealPhone(
  db: Kysely<Database>,
  input: { memberId: string; actor: string; now: Date },
): Promise<{ memberId: string; phone: string | null }> {
  const member = await db
    .selectFrom('members')
    .select(['id', 'phone'])
    .where('id', '=', input.memberId)
    .executeTakeFirst()
  if (!member) throw new AppError('MEMBER_NOT_FOUND', { memberId: input.memberId })
  await audit(db, {
    actor: input.actor,
    action: 'member.phone_revealed',
    targetType: 'member',
    targetId: member.id,
    detail: { phoneMasked: maskPhone(member.phone) },
    now: input.now,
  })
  return { memberId: member.id, phone: member.phone }
}
