import { AppError, businessDayOf, newId, type IssueMemberCouponBody, type IssueMemberCouponResponse } from '@mc/shared'
import { audit } from '../audit/audit'
import { issueCoupons } from '../benefits/claim-benefit'
import type { AdminWrite } from '../admin/idempotent-admin-write'
import { memberTierState } from '../tiers/member-tier'

/** The benefit key of a coupon the merchant defined on the spot rather than took from the library. */
export const adminCouponBenefitKey = 'admin_issue'

/**
 * Gives one member coupons by hand: a library benefit's grant (whatever the member's tier, outside its periods)
 * or a coupon defined in the request. It goes through the claim and coupon path a member's own claim takes
 * (`issueCoupons`: codes, validity in business days, effectiveness records), under a claim of its own, audited.
 */
export async function issueMemberCoupon(
  write: AdminWrite,
  input: { memberId: string; body: IssueMemberCouponBody },
): Promise<IssueMemberCouponResponse> {
  const { trx, program, now } = write
  const { memberId, body } = input
  const member = await trx
    .selectFrom('members')
    .select(['id', 'joined_at', 'closed_at'])
    .where('id', '=', memberId)
    .executeTakeFirst()
  if (!member) throw new AppError('MEMBER_NOT_FOUND', { memberId })
  if (member.joined_at === null) throw new AppError('MEMBER_NOT_JOINED', { memberId })
  // A closed account has nobody to use a coupon; ledger corrections (adjustments) stay possible for the books.
  if (member.closed_at !== null) throw new AppError('ACCOUNT_CLOSED', { memberId })
  const { key, coupons } = couponsToIssue(program.rules, body)
  const tier = await memberTierState(trx, memberId, program)
  const today = businessDayOf(now, program.rules.calendar)
  const claimId = newId('bcl', now.getTime())
  // The period is the claim itself, so a hand-issued grant never takes the place of the member's own claim.
  await trx
    .insertInto('benefit_claims')
    .values({
      id: claimId,
      member_id: memberId,
      benefit_key: key,
      period_key: `adm-${claimId.slice(-12)}`,
      tier_key: tier.key,
      rule_version: program.version,
      business_day: today,
      created_at: now.toISOString(),
    })
    .execute()
  const issued = await issueCoupons(
    trx,
    { member: { id: memberId }, tier: { key: tier.key }, program, today },
    { claimId, key, grant: { coupons }, now },
  )
  await audit(trx, {
    actor: write.actor,
    action: 'member.coupon_issued',
    targetType: 'member',
    targetId: memberId,
    now,
    detail: {
      benefitKey: key,
      reason: body.reason,
      coupons: issued.map((coupon) => ({ id: coupon.id, name: coupon.name, discountFen: coupon.discountFen })),
      idempotencyKey: write.idempotencyKey,
    },
  })
  return { memberId, benefitKey: key, coupons: issued }
}

function couponsToIssue(rules: AdminWrite['program']['rules'], body: IssueMemberCouponBody) {
  if (body.coupon) return { key: adminCouponBenefitKey, coupons: [body.coupon] }
  const key = body.benefitKey ?? ''
  const benefit = Object.hasOwn(rules.benefits, key) ? rules.benefits[key] : undefined
  if (!benefit) throw new AppError('BENEFIT_NOT_FOUND', { key })
  if (!benefit.grant) throw new AppError('BENEFIT_NOT_CLAIMABLE', { key })
  return { key, coupons: benefit.grant.coupons }
}
