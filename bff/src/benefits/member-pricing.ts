import { AppError, tierByKey, type MemberPricingResponse } from '@mc/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import { memberTierState } from '../tiers/member-tier'
import { publishedProgram } from '../program/published-program'

/** The member-price discount the shop applies for this member now: the best member price their tier holds, else 0. */
export async function memberPricing(db: Kysely<Database>, memberId: string): Promise<MemberPricingResponse> {
  const member = await db
    .selectFrom('members')
    .select(['id', 'joined_at'])
    .where('id', '=', memberId)
    .executeTakeFirst()
  if (!member) throw new AppError('MEMBER_NOT_FOUND', { memberId })
  if (member.joined_at === null) return { memberId, tier: null, memberPriceDiscountPercent: 0 }
  const program = await publishedProgram(db)
  const tier = tierByKey(program.rules, (await memberTierState(db, memberId, program)).key)
  const percents = tier.benefits
    .map((key) => program.rules.benefits[key])
    .filter((benefit) => benefit?.kind === 'member_price')
    .map((benefit) => benefit.memberPriceDiscountPercent ?? 0)
  return { memberId, tier: { key: tier.key, name: tier.name }, memberPriceDiscountPercent: Math.max(0, ...percents) }
}
