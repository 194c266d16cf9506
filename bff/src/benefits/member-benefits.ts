import {
  AppError,
  businessDayOf,
  claimWindow,
  tierByKey,
  tierRank,
  unlockLabel,
  type BenefitClaimState,
  type BenefitDefinition,
  type MemberBenefit,
  type MemberBenefitsResponse,
  type ProgramRules,
  type TierRule,
} from '@mc/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import { memberTierState } from '../tiers/member-tier'
import { publishedProgram, type PublishedProgram } from '../program/published-program'

/** What deciding on a member's benefits needs: the member, the rules in force, their tier and today's business day. */
export interface BenefitContext {
  member: { id: string; birthday: string | null }
  program: PublishedProgram
  tier: TierRule
  today: string
}

export async function benefitContext(db: Kysely<Database>, memberId: string, now: Date): Promise<BenefitContext> {
  const member = await db
    .selectFrom('members')
    .select(['id', 'birthday', 'joined_at'])
    .where('id', '=', memberId)
    .executeTakeFirst()
  if (!member) throw new AppError('MEMBER_NOT_FOUND')
  if (member.joined_at === null) throw new AppError('MEMBER_NOT_JOINED')
  const program = await publishedProgram(db)
  const state = await memberTierState(db, memberId, program)
  return {
    member: { id: member.id, birthday: member.birthday },
    program,
    tier: tierByKey(program.rules, state.key),
    today: businessDayOf(now, program.rules.calendar),
  }
}

/** The lowest tier above the member's that offers the benefit (else the lowest that does); null if none does. */
export function unlockingTier(rules: ProgramRules, current: TierRule, key: string): TierRule | null {
  const offering = rules.tiers.filter((tier) => tier.benefits.includes(key))
  return offering.find((tier) => tierRank(rules, tier.key) > tierRank(rules, current.key)) ?? offering[0] ?? null
}

/**
 * Every benefit in the library: the member's own first in their tier's order, then the locked ones by unlocking tier.
 */
export async function memberBenefits(
  db: Kysely<Database>,
  memberId: string,
  now: Date,
): Promise<MemberBenefitsResponse> {
  const ctx = await benefitContext(db, memberId, now)
  const { rules } = ctx.program
  const claimedAt = await claimsThisPeriod(db, ctx)
  const own = ctx.tier.benefits.filter((key) => Object.hasOwn(rules.benefits, key))
  const locked = Object.keys(rules.benefits)
    .filter((key) => !own.includes(key))
    .map((key) => ({ key, tier: unlockingTier(rules, ctx.tier, key) }))
    .sort((a, b) => rank(rules, a.tier) - rank(rules, b.tier))
  const benefits: MemberBenefit[] = [
    ...own.map((key) =>
      view(key, rules.benefits[key], {
        unlocked: true,
        claim: claimState(ctx, rules.benefits[key], claimedAt.get(key) ?? null),
      }),
    ),
    ...locked.map(({ key, tier }) => view(key, rules.benefits[key], { unlocked: false, tier })),
  ]
  return { tier: { key: ctx.tier.key, name: ctx.tier.name, color: ctx.tier.color }, today: ctx.today, benefits }
}

const rank = (rules: ProgramRules, tier: TierRule | null) => (tier ? tierRank(rules, tier.key) : rules.tiers.length)

function view(
  key: string,
  benefit: BenefitDefinition,
  state: { unlocked: boolean; claim?: BenefitClaimState | null; tier?: TierRule | null },
): MemberBenefit {
  const tier = state.tier ?? null
  return {
    key,
    kind: benefit.kind,
    name: benefit.name,
    description: benefit.description,
    unlocked: state.unlocked,
    unlockTier: tier && { key: tier.key, name: tier.name, color: tier.color },
    unlockLabel: state.unlocked ? null : tier ? unlockLabel(tier.name) : '暂未开放',
    grant: benefit.grant,
    claim: state.claim ?? null,
    memberPriceDiscountPercent: benefit.kind === 'member_price' ? (benefit.memberPriceDiscountPercent ?? 0) : null,
  }
}

function claimState(
  ctx: BenefitContext,
  benefit: BenefitDefinition,
  claimedAt: string | null,
): BenefitClaimState | null {
  if (!benefit.grant) return null
  const window = claimWindow(benefit.grant, ctx.today, ctx.member.birthday)
  if (!window.open) {
    return {
      periodKey: null,
      claimable: false,
      claimedAt: null,
      blockedBy: window.reason,
      periodEndsOn: null,
      nextPeriodStartsOn: window.nextStartsOn,
    }
  }
  return {
    periodKey: window.periodKey,
    claimable: claimedAt === null,
    claimedAt,
    blockedBy: claimedAt === null ? null : 'BENEFIT_ALREADY_CLAIMED',
    periodEndsOn: window.endsOn,
    nextPeriodStartsOn: window.nextStartsOn,
  }
}

/** When each of the member's claimable benefits was claimed in its current period, by benefit key. */
async function claimsThisPeriod(db: Kysely<Database>, ctx: BenefitContext): Promise<Map<string, string>> {
  const { rules } = ctx.program
  const periods = ctx.tier.benefits.flatMap((key) => {
    const grant = rules.benefits[key]?.grant
    const window = grant ? claimWindow(grant, ctx.today, ctx.member.birthday) : null
    return window?.open ? [{ key, periodKey: window.periodKey }] : []
  })
  if (periods.length === 0) return new Map()
  const rows = await db
    .selectFrom('benefit_claims')
    .select(['benefit_key', 'created_at'])
    .where('member_id', '=', ctx.member.id)
    .where((eb) =>
      eb.or(periods.map((p) => eb.and([eb('benefit_key', '=', p.key), eb('period_key', '=', p.periodKey)]))),
    )
    .execute()
  return new Map(rows.map((row) => [row.benefit_key, row.created_at]))
}
