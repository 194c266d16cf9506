import {
  AppError,
  journeyCategories,
  journeyPages,
  newId,
  renderCopy,
  tierRank,
  type Channel,
  type JourneyKey,
  type JourneyPreview,
  type JourneyPreviewBody,
} from '@mc/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { enqueueMessage } from '../../outreach/enqueue-message'
import { downgradeValues, upgradeValues } from '../../outreach/tier-change-messages'
import { dueFinderFor } from './due-finders'
import { loadJourneyContext, type JourneyContext } from './journey-context'
import { memberFacts } from './member-facts'

/**
 * A journey's copy (saved, or the unsaved copy being edited) rendered with one real member's values: the member
 * asked for, else the first the rule would pick today, else any member; with the channels that member would get.
 */
export async function previewJourney(
  db: Kysely<Database>,
  key: JourneyKey,
  body: JourneyPreviewBody,
  now: Date,
): Promise<JourneyPreview> {
  const ctx = await loadJourneyContext(db, now, { preview: true })
  const picked = body.memberId ? { memberId: body.memberId, source: 'chosen' as const } : await pickMember(db, ctx, key)
  const member = await db
    .selectFrom('members')
    .select(['id', 'nickname'])
    .where('id', '=', picked.memberId)
    .executeTakeFirst()
  if (!member) throw new AppError('MEMBER_NOT_FOUND')
  const values = await valuesFor(db, ctx, key, member.id)
  const copy = body.copy ?? ctx.settings.journeys[key].copy
  const title = renderCopy(copy.title, values)
  const text = renderCopy(copy.body, values)
  const channels = await channelsFor(db, ctx, key, member.id, { title, body: text, values })
  return {
    member: { id: member.id, nickname: member.nickname },
    source: picked.source,
    title,
    body: text,
    values,
    channels,
  }
}

/** The first member the rule would pick today (a finder's first due candidate, or today's latest tier change). */
async function pickMember(db: Kysely<Database>, ctx: JourneyContext, key: JourneyKey) {
  const finder = dueFinderFor(key)
  if (finder) {
    const judging = { ...ctx, preview: false }
    const candidates = (await finder.candidates(db, judging)).slice(0, 200)
    const [first] = await finder.due(db, judging, candidates)
    if (first) return { memberId: first.memberId, source: 'due' as const }
  } else {
    const change = await db
      .selectFrom('tier_changes')
      .select('member_id')
      .where('business_day', '=', ctx.today)
      .where('kind', '=', key === 'upgrade' ? 'upgrade' : 'downgrade')
      .orderBy('id', 'desc')
      .executeTakeFirst()
    if (change) return { memberId: change.member_id, source: 'due' as const }
  }
  const any = await db
    .selectFrom('members')
    .select('id')
    .where('joined_at', 'is not', null)
    .orderBy('id')
    .executeTakeFirst()
  if (!any) throw new AppError('MEMBER_NOT_FOUND')
  return { memberId: any.id, source: 'sample' as const }
}

/** The member's values for the journey's placeholders, as its send would compute them. */
async function valuesFor(db: Kysely<Database>, ctx: JourneyContext, key: JourneyKey, memberId: string) {
  const finder = dueFinderFor(key)
  if (finder) return (await finder.due(db, ctx, [memberId]))[0]?.values ?? {}
  const { rules } = ctx.program
  const member = (await memberFacts(db, rules, [memberId])).get(memberId)
  if (!member) return {}
  const rank = tierRank(rules, member.tierKey)
  // The member's own tier as the one reached (upgrade) or fallen to (downgrade), from the tier next to it.
  if (key === 'upgrade') {
    const from = rules.tiers[Math.max(0, rank - 1)].key
    return upgradeValues(rules, member.nickname, { from, to: member.tierKey, validUntil: member.validUntil })
  }
  const from = rules.tiers[Math.min(rules.tiers.length - 1, rank + 1)].key
  return downgradeValues(rules, member.nickname, { from, to: member.tierKey, growth: member.growth })
}

const rolledBack = new Error('preview: rolled back')

/**
 * The channels the message would go out on now: `enqueueMessage` itself, run on a decision row in a transaction
 * that is then rolled back, so the preview can never disagree with a real send and leaves nothing behind.
 */
async function channelsFor(
  db: Kysely<Database>,
  ctx: JourneyContext,
  key: JourneyKey,
  memberId: string,
  message: { title: string; body: string; values: Record<string, string> },
): Promise<Channel[]> {
  let channels: Channel[] = []
  const sendId = newId('snd', ctx.now.getTime())
  await db
    .transaction()
    .execute(async (trx) => {
      await trx
        .insertInto('engagement_sends')
        .values({
          id: sendId,
          source_type: 'journey',
          source_id: key,
          member_id: memberId,
          period: 'preview',
          dedupe_key: `preview:${sendId}`,
          arm: 'A',
          outcome: 'sent',
          business_day: ctx.today,
          decided_at: ctx.now.toISOString(),
        })
        .execute()
      const enqueued = await enqueueMessage(trx, {
        sendId,
        memberId,
        category: journeyCategories[key],
        page: journeyPages[key],
        ...message,
        settings: ctx.settings,
        now: ctx.now,
        calendar: ctx.program.rules.calendar,
      })
      channels = enqueued.channels
      throw rolledBack
    })
    .catch((err: unknown) => {
      if (err !== rolledBack) throw err
    })
  return channels
}
