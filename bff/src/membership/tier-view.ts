import type { TierRule, TierView } from '@mc/shared'

/** A tier rule as the member app shows it; the rule's key is the tier's public id. */
export const tierView = (tier: TierRule): TierView =>
  ({ id: tier.key, name: tier.name, threshold: tier.threshold, color: tier.color, benefits: tier.benefits })
