import { tierByKey, type MemberCard } from '@mc/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import { accountBalances } from '../ledger/accounts'
import { findMember, maskPhone } from '../membership/member-profile'
import { memberTierState } from '../tiers/member-tier'
import { publishedProgram } from '../program/published-program'

/** The card staff see after a scan: name, masked phone, tier and spendable points; nothing else. */
export async function memberCard(db: Kysely<Database>, memberId: string): Promise<MemberCard> {
  const row = await findMember(db, memberId)
  const program = await publishedProgram(db)
  const tier = tierByKey(program.rules, (await memberTierState(db, memberId, program)).key)
  const balances = await accountBalances(db, memberId)
  return {
    memberId,
    nickname: row.nickname,
    phoneMasked: maskPhone(row.phone),
    tier: { id: tier.key, name: tier.name },
    pointsAvailable: Math.max(0, balances.points - balances.pointsHeld),
  }
}
