import { z } from 'zod'
import { benefitKinds } from '../benefits/benefit-library'

/** A benefit as the member app names it, from the program's benefit library; `kind` picks its icon. */
export const BenefitView = z.strictObject({
  key: z.string(),
  kind: z.enum(benefitKinds),
  name: z.string(),
  description: z.string(),
})
export type BenefitView = z.infer<typeof BenefitView>

/** A membership tier: `threshold` is the counted growth at which a member reaches it. */
export const Tier = z.strictObject({ id: z.string(), name: z.string(), threshold: z.number().int() })
export type Tier = z.infer<typeof Tier>

/** A tier as the member app shows it. */
export const TierView = Tier.extend({ color: z.string(), benefits: z.array(BenefitView) }).meta({ id: 'TierView' })
export type TierView = z.infer<typeof TierView>

/** GET /api/program/tiers: the published tier ladder, lowest tier first, with the program version it is from. */
export const TierLadder = z.strictObject({ version: z.number().int(), tiers: z.array(TierView) })
export type TierLadder = z.infer<typeof TierLadder>
