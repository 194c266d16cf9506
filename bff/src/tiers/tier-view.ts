import type { ProgramRules, TierRule, TierView } from '@mc/shared'

/** A tier rule as the member app shows it: the rule's key is the tier's public id, benefits carry their names. */
export const tierView = (tier: TierRule, rules: ProgramRules): TierView => ({
  id: tier.key,
  name: tier.name,
  threshold: tier.threshold,
  color: tier.color,
  benefits: tier.benefits.map((key) => ({
    key,
    kind: rules.benefits[key].kind,
    name: rules.benefits[key].name,
    description: rules.benefits[key].description,
  })),
})
