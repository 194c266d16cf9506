import type { ProgramRules } from '@mc/shared'
import { routes } from '../../routes'
import { consoleCall } from '../console-call'
import { openPage } from '../../open-page'

/**
 * A report's what-if link (`merchantDraft` with `{ tier, threshold }`): a new draft of the rules in force with that
 * tier's threshold changed, opened in the draft editor, where the merchant simulates it before anything is
 * published. Needs `program.edit`; the caller shows the failure otherwise.
 */
export async function openWhatIfDraft(query: Record<string, string>): Promise<void> {
  const threshold = Number(query.threshold)
  const draft = await consoleCall((api) => api.admin.program.drafts.$post({ json: {} }))
  const rules = draft.rules as ProgramRules
  if (query.tier && Number.isInteger(threshold) && rules.tiers.some((tier) => tier.key === query.tier)) {
    const tiers = rules.tiers.map((tier) => (tier.key === query.tier ? { ...tier, threshold } : tier))
    await consoleCall((api) =>
      api.admin.program.drafts[':draftId'].$patch({ param: { draftId: draft.id }, json: { tiers } }),
    )
  }
  await openPage(`${routes.merchantDraft}?id=${encodeURIComponent(draft.id)}`)
}
