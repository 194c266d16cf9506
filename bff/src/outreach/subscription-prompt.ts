import {
  AppError,
  messageCategoryLabels,
  type EngagementSettings,
  type MessageCategory,
  type SubscribeMoment,
  type SubscribePrompt,
  type SubscribeResult,
  type SubscribeResultBody,
} from '@mc/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import { recordSubscriptions, unusedByTemplate } from './wechat-subscriptions'

/**
 * What a member is likely to hear about next after each tap, most likely first: signing in moves growth and
 * points, a redemption or a payment is about offers, joining opens every kind of message.
 */
const likelyCategories: Record<SubscribeMoment, MessageCategory[]> = {
  sign_in: ['tier', 'points'],
  redemption: ['offers', 'points'],
  payment: ['offers'],
  join: ['tier', 'offers', 'care'],
  points_expiring: ['points'],
}

/** WeChat shows at most three templates in one `requestSubscribeMessage`. */
const maxTemplatesPerPrompt = 3

/**
 * The templates to ask for at a moment: the merchant's configured template of each likely category, at most three.
 * A template the member refused with "总是保持以上选择" is left out (WeChat would refuse it without asking); one
 * kept as accepted stays in, marked, because WeChat then grants a new subscription at each prompt without a dialog.
 */
export async function subscriptionPrompt(
  db: Kysely<Database>,
  memberId: string | null,
  moment: SubscribeMoment,
  settings: EngagementSettings,
): Promise<SubscribePrompt> {
  // A visitor about to join (null) has kept no choices yet.
  const kept =
    memberId === null
      ? []
      : await db
          .selectFrom('wechat_subscription_choices')
          .select(['template_id', 'decision'])
          .where('member_id', '=', memberId)
          .execute()
  const skip = new Set(kept.filter((k) => k.decision !== 'accept').map((k) => k.template_id))
  const keptAccept = new Set(kept.filter((k) => k.decision === 'accept').map((k) => k.template_id))
  const templates: SubscribePrompt['templates'] = []
  for (const category of likelyCategories[moment]) {
    const mapping = settings.wechat.templates[category]
    if (!mapping || skip.has(mapping.templateId)) continue
    skip.add(mapping.templateId) // two categories may share one template: ask once
    templates.push({
      templateId: mapping.templateId,
      category,
      label: messageCategoryLabels[category],
      keptAccept: keptAccept.has(mapping.templateId),
    })
  }
  return { templates: templates.slice(0, maxTemplatesPerPrompt) }
}

/**
 * Records what `requestSubscribeMessage` answered: one one-time subscription per accepted template, and with
 * "总是保持以上选择" ticked, the member's choice for every answered template so they are not asked again. A
 * template id the merchant has not configured refuses the whole answer, so nothing half-recorded stays behind.
 */
export async function recordSubscribeResult(
  db: Kysely<Database>,
  memberId: string,
  body: SubscribeResultBody,
  settings: EngagementSettings,
  now: Date,
): Promise<SubscribeResult> {
  const configured = new Set(Object.values(settings.wechat.templates).map((t) => t?.templateId))
  const answered = Object.entries(body.results)
  const unknown = answered.filter(([templateId]) => !configured.has(templateId)).map(([templateId]) => templateId)
  if (unknown.length > 0) throw new AppError('SUBSCRIPTION_TEMPLATE_UNKNOWN', { templateIds: unknown })
  const accepted = answered.filter(([, answer]) => answer === 'accept').map(([templateId]) => templateId)
  await db.transaction().execute(async (trx) => {
    await recordSubscriptions(trx, memberId, accepted, now)
    if (!body.keepChoice) return
    for (const [templateId, decision] of answered) {
      const values = { decision, kept_at: now.toISOString() }
      await trx
        .insertInto('wechat_subscription_choices')
        .values({ member_id: memberId, template_id: templateId, ...values })
        .onConflict((oc) => oc.columns(['member_id', 'template_id']).doUpdateSet(values))
        .execute()
    }
  })
  return { accepted: accepted.length, available: await unusedByTemplate(db, memberId) }
}
