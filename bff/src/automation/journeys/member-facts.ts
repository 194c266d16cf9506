import { tierByKey, type ProgramRules } from '@mc/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'

/** A member as the journeys' copy names them: nickname, tier and its validity, counted growth. */
export interface MemberFacts {
  nickname: string
  tierKey: string
  tierName: string
  validUntil: string | null
  growth: number
}

/**
 * Nickname, tier and counted growth (the growth account's balance, which expiry keeps to the window) of a batch
 * of members in two reads; a member without a tier row stands on the entry tier, as `memberTierState` says.
 */
export async function memberFacts(
  db: Kysely<Database>,
  rules: ProgramRules,
  memberIds: string[],
): Promise<Map<string, MemberFacts>> {
  if (memberIds.length === 0) return new Map()
  const rows = await db
    .selectFrom('members as m')
    .leftJoin('member_tiers as t', 't.member_id', 'm.id')
    .leftJoin('ledger_accounts as a', (join) => join.onRef('a.member_id', '=', 'm.id').on('a.ledger', '=', 'growth'))
    .select(['m.id', 'm.nickname', 't.tier_key', 't.valid_until', 'a.balance'])
    .where('m.id', 'in', memberIds)
    .execute()
  return new Map(
    rows.map((row) => {
      const tier = tierByKey(rules, row.tier_key ?? rules.tiers[0].key)
      const facts = {
        nickname: row.nickname || '会员',
        tierKey: tier.key,
        tierName: tier.name,
        validUntil: row.valid_until,
        growth: Number(row.balance ?? 0),
      }
      return [row.id, facts]
    }),
  )
}
