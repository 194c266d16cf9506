import {
  journeyCategories,
  journeyPages,
  renderCopy,
  type BusinessCalendar,
  type EngagementSettings,
  type JourneyKey,
} from '@mc/shared'
import type { Transaction } from 'kysely'
import type { Database } from '../db/schema'
import { decideSends, sendDedupeKey } from './decide-sends'
import { enqueueMessages } from './enqueue-messages'

/** What one journey decided for one member; null when the journey is off or the period was already decided. */
export type JourneyOutcome = 'sent' | 'holdout' | 'capped' | 'over_budget' | null

/** One member a journey found due, for one period, with the copy's placeholder values. */
export interface JourneyRecipient {
  memberId: string
  period: string
  values: Record<string, string>
}

/**
 * The one recipe of a journey message, for a batch of one journey's due members (a tier change sends a batch of
 * one), set-based: nothing when the journey is off; else the decisions in one `decideSends` (dedupe key, holdout,
 * cap), then `onSent` once with every member decided 'sent' (the win-back coupons, issued together; it returns each
 * member's extra values), then the messages in one `enqueueMessages`. Returns each recipient's outcome in order
 * (null when the journey is off or the period was already decided).
 */
export async function sendJourneyMessages(
  trx: Transaction<Database>,
  input: {
    key: JourneyKey
    recipients: readonly JourneyRecipient[]
    settings: EngagementSettings
    now: Date
    businessDay: string
    calendar?: BusinessCalendar
    onSent?: (sent: { recipient: JourneyRecipient; sendId: string }[]) => Promise<Map<string, Record<string, string>>>
  },
): Promise<JourneyOutcome[]> {
  const { key, settings, now } = input
  const journey = settings.journeys[key]
  if (!journey.enabled) return input.recipients.map(() => null)
  const asked = input.recipients.map((r) => ({
    sourceType: 'journey' as const,
    sourceId: key,
    memberId: r.memberId,
    period: r.period,
    holdoutPercent: journey.holdoutPercent,
    variants: 1 as const,
    settings,
    now,
    businessDay: input.businessDay,
  }))
  const decisions = await decideSends(trx, asked)
  const sent = decisions.flatMap((d, n) =>
    d?.outcome === 'sent'
      ? [{ recipient: input.recipients[n], sendId: d.sendId, dedupeKey: sendDedupeKey(asked[n]) }]
      : [],
  )
  const extra = input.onSent && sent.length > 0 ? await input.onSent(sent) : new Map()
  await enqueueMessages(
    trx,
    sent.map(({ recipient, sendId, dedupeKey }) => {
      const values = { ...recipient.values, ...(extra.get(recipient.memberId) ?? {}) }
      return {
        sendId,
        memberId: recipient.memberId,
        category: journeyCategories[key],
        title: renderCopy(journey.copy.title, values),
        body: renderCopy(journey.copy.body, values),
        page: journeyPages[key],
        values,
        settings,
        now,
        calendar: input.calendar,
        send: { source_type: 'journey', source_id: key, dedupe_key: dedupeKey },
      }
    }),
  )
  return decisions.map((d) => d?.outcome ?? null)
}
