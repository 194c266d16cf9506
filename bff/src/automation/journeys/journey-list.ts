import {
  addDays,
  businessDayOf,
  journeyCategories,
  journeyKeys,
  journeyLabels,
  journeyPlaceholders,
  type JourneyList,
} from '@mc/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { readEngagementSettings } from '../../outreach/engagement-settings'
import { publishedProgram } from '../../program/published-program'

/** Every journey with its settings and its decisions of the last 30 business days (by engagement_sends_day). */
export async function listJourneys(db: Kysely<Database>, now: Date): Promise<JourneyList> {
  const { rules } = await publishedProgram(db)
  const settings = await readEngagementSettings(db)
  const rows = await db
    .selectFrom('engagement_sends')
    .select(['source_id', 'outcome', (eb) => eb.fn.countAll().as('n')])
    .where('source_type', '=', 'journey')
    .where('business_day', '>=', addDays(businessDayOf(now, rules.calendar), -29))
    .groupBy(['source_id', 'outcome'])
    .execute()
  const count = (key: string, outcome: string) =>
    Number(rows.find((row) => row.source_id === key && row.outcome === outcome)?.n ?? 0)
  return {
    journeys: journeyKeys.map((key) => ({
      key,
      label: journeyLabels[key],
      enabled: settings.journeys[key].enabled,
      holdoutPercent: settings.journeys[key].holdoutPercent,
      copy: settings.journeys[key].copy,
      category: journeyCategories[key],
      placeholders: [...journeyPlaceholders[key]],
      last30Days: { sent: count(key, 'sent'), holdout: count(key, 'holdout'), capped: count(key, 'capped') },
    })),
  }
}
