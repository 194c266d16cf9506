import { z } from 'zod'

export const benefitKinds = [
  'coupon_pack',
  'birthday_gift',
  'first_order_discount',
  'free_shipping',
  'member_price',
  'exclusive_service',
  'early_access',
  'annual_gift',
  'seasonal_pack',
] as const
export type BenefitKind = (typeof benefitKinds)[number]

const whole = (min: number, max: number) => z.number().int().min(min).max(max)

/** One coupon a claim issues: 满 thresholdFen 减 discountFen (threshold 0: no minimum), valid `validDays`. */
export const CouponSpec = z.strictObject({
  name: z.string().trim().min(1).max(24),
  kind: z.enum(['cash_off', 'free_shipping']),
  thresholdFen: whole(0, 100_000_000),
  discountFen: whole(0, 100_000_000),
  count: whole(1, 20),
  validDays: whole(1, 366),
})
export type CouponSpec = z.infer<typeof CouponSpec>

/** MM-DD of a day that exists in some year (02-29 included). */
const monthDay = z
  .string()
  .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { error: '日期格式应为 MM-DD / date must be MM-DD' })
  .refine((value) => Number(value.slice(3)) <= new Date(Date.UTC(2024, Number(value.slice(0, 2)), 0)).getUTCDate(), {
    error: '日期不存在 / no such day',
  })

/**
 * How a claimable benefit is granted: once per period (calendar month, quarter or year in the merchant's
 * calendar, once ever, once a year in the birthday month, or once per season between two MM-DD dates).
 */
export const BenefitGrant = z
  .strictObject({
    period: z.enum(['month', 'quarter', 'year', 'once', 'birthday_month', 'season']),
    season: z.strictObject({ startsOn: monthDay, endsOn: monthDay }).optional(),
    coupons: z.array(CouponSpec).min(1).max(5),
  })
  .superRefine((grant, ctx) => {
    // A seasonal grant without dates could never be claimed.
    if (grant.period === 'season' && grant.season === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['season'],
        message: '按季节发放时必须填写起止日期 / a seasonal grant needs its dates',
      })
    }
  })
export type BenefitGrant = z.infer<typeof BenefitGrant>

/**
 * One benefit in the merchant's library. Tiers refer to benefits by key. `faceValueFen` and `grantsPerYear`
 * say what one eligible member costs when every grant is used; `assumedUsagePercent` is the usage the cost
 * forecast assumes until real claims and uses exist.
 */
export const BenefitDefinition = z.strictObject({
  kind: z.enum(benefitKinds),
  name: z.string().trim().min(1, { error: '权益名称不能为空 / name is required' }).max(24),
  description: z.string().trim().max(120),
  faceValueFen: whole(0, 100_000_000),
  grantsPerYear: whole(0, 366),
  assumedUsagePercent: whole(0, 100),
  /** Coupons a member claims; null for benefits that are a standing right (member price, service, early access). */
  grant: BenefitGrant.nullable(),
  /** For member_price: the discount on member-priced items, e.g. 5 for 95 折. */
  memberPriceDiscountPercent: whole(1, 50).optional(),
})
export type BenefitDefinition = z.infer<typeof BenefitDefinition>

/** Expected yearly cost in fen of one eligible member holding this benefit, at a usage rate in percent. */
export function yearlyBenefitCostFen(benefit: BenefitDefinition, usagePercent = benefit.assumedUsagePercent): number {
  return Math.round((benefit.faceValueFen * benefit.grantsPerYear * usagePercent) / 100)
}
