import { AppError, claimWindow, newId, unlockLabel, type BenefitGrant, type ClaimResponse } from '@mc/shared'
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../db/schema'
import { benefitContext, unlockingTier, type BenefitContext } from './member-benefits'
import { couponFromRow } from './coupons'
import { issueCouponBatch } from './issue-coupon-batch'

/**
 * Claims a benefit for the current period and issues its coupons, all in one transaction. The claim row goes
 * in first: its unique (member, benefit, period) makes every concurrent or repeated claim of the same period
 * find it and fail with BENEFIT_ALREADY_CLAIMED, writing nothing.
 */
export async function claimBenefit(
  db: Kysely<Database>,
  memberId: string,
  key: string,
  now: Date,
): Promise<ClaimResponse> {
  return db.transaction().execute(async (trx) => {
    const ctx = await benefitContext(trx, memberId, now)
    const grant = claimableGrant(ctx, key)
    const window = claimWindow(grant, ctx.today, ctx.member.birthday)
    if (!window.open) {
      throw new AppError(window.reason, {
        nextPeriodStartsOn: window.nextStartsOn,
        ...(grant.season ? { season: grant.season } : {}),
      })
    }
    const claimId = newId('bcl', now.getTime())
    const claimed = await trx
      .insertInto('benefit_claims')
      .values({
        id: claimId,
        member_id: memberId,
        benefit_key: key,
        period_key: window.periodKey,
        tier_key: ctx.tier.key,
        rule_version: ctx.program.version,
        business_day: ctx.today,
        created_at: now.toISOString(),
      })
      .onConflict((oc) => oc.columns(['member_id', 'benefit_key', 'period_key']).doNothing())
      .executeTakeFirst()
    if (Number(claimed.numInsertedOrUpdatedRows ?? 0n) === 0) {
      const first = await trx
        .selectFrom('benefit_claims')
        .select('created_at')
        .where('member_id', '=', memberId)
        .where('benefit_key', '=', key)
        .where('period_key', '=', window.periodKey)
        .executeTakeFirst()
      throw new AppError('BENEFIT_ALREADY_CLAIMED', {
        periodKey: window.periodKey,
        claimedAt: first?.created_at ?? null,
        nextPeriodStartsOn: window.nextStartsOn,
      })
    }
    const coupons = await issueCoupons(trx, ctx, { claimId, key, grant, now })
    return {
      benefitKey: key,
      periodKey: window.periodKey,
      claimedAt: now.toISOString(),
      coupons,
      nextPeriodStartsOn: window.nextStartsOn,
    }
  })
}

/**
 * The benefit's grant, after the checks that do not depend on the period: it exists, it is unlocked, it is claimable.
 */
function claimableGrant(ctx: BenefitContext, key: string): BenefitGrant {
  const { rules } = ctx.program
  const benefit = Object.hasOwn(rules.benefits, key) ? rules.benefits[key] : undefined
  if (!benefit) throw new AppError('BENEFIT_NOT_FOUND', { key })
  if (!ctx.tier.benefits.includes(key)) {
    const tier = unlockingTier(rules, ctx.tier, key)
    const details = {
      key,
      unlockTier: tier && { key: tier.key, name: tier.name },
      unlockLabel: tier ? unlockLabel(tier.name) : null,
    }
    throw new AppError('BENEFIT_LOCKED', details, tier ? `该权益需升级至${tier.name}解锁` : undefined)
  }
  if (!benefit.grant) throw new AppError('BENEFIT_NOT_CLAIMABLE', { key })
  return benefit.grant
}

/**
 * Writes the grant's coupons and one `claimed` effectiveness record per coupon (its face value), and returns the
 * coupons as written; the points mall issues its coupon items through here too. A coupon is valid from now through
 * the end of business day `today + validDays − 1`. `issueCouponBatch` does the writing, for any number of members.
 */
export async function issueCoupons(
  trx: Transaction<Database>,
  ctx: Pick<BenefitContext, 'program' | 'today'> & { member: { id: string }; tier: { key: string } },
  input: { claimId: string; key: string; grant: Pick<BenefitGrant, 'coupons'>; now: Date },
) {
  const { now } = input
  const [issued] = await issueCouponBatch(trx, { key: input.key, program: ctx.program, today: ctx.today, now }, [
    { memberId: ctx.member.id, tierKey: ctx.tier.key, claimId: input.claimId, grant: input.grant },
  ])
  return issued.map((row) => couponFromRow(row, now))
}
