import { z } from 'zod'

export const benefitKinds = [
  'coupon_pack', 'birthday_gift', 'first_order_discount', 'free_shipping', 'member_price',
  'exclusive_service', 'early_access', 'annual_gift', 'seasonal_pack',
] as const
export type BenefitKind = (typeof benefitKinds)[number]

const whole = (min: number, max: number) => z.number().int().min(min).max(max)

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
})
export type BenefitDefinition = z.infer<typeof BenefitDefinition>

/** Expected yearly cost in fen of one eligible member holding this benefit, at a usage rate in percent. */
export function yearlyBenefitCostFen(benefit: BenefitDefinition, usagePercent = benefit.assumedUsagePercent): number {
  return Math.round((benefit.faceValueFen * benefit.grantsPerYear * usagePercent) / 100)
}
