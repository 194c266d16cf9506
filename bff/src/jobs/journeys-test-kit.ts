import { defaultEngagementSettings, type EngagementSettings } from '@mc/shared'
import { saveEngagementSettings } from '../outreach/engagement-settings'
import { orderEvent, sendOrderEvent } from '../test/order-events'
import type { TestApp } from '../test/test-app'
import { runDailyJobs } from './run-daily-jobs'
import { runJourneys } from './run-journeys'

/** Default settings with no holdouts (member ids are random; a spec that needs a send must not draw the 10%). */
export function journeySettings(change: (s: EngagementSettings) => void = () => {}): EngagementSettings {
  const s: EngagementSettings = structuredClone(defaultEngagementSettings)
  for (const journey of Object.values(s.journeys)) journey.holdoutPercent = 0
  // The upgrade a fixture order makes is a message too; the cap has its own spec.
  s.frequencyCapPerWeek = 21
  change(s)
  return s
}

export const saveJourneySettings = (t: TestApp, change?: (s: EngagementSettings) => void) =>
  saveEngagementSettings(t.db, journeySettings(change), 'test', t.clock.now())

/**
 * Runs the day's sweeps and then the journeys at `iso`, as the scheduler does (expired growth no longer counts when
 * the journeys look); forced, since a spec runs several days and re-runs one.
 */
export async function journeysAt(t: TestApp, iso: string, options: { force?: boolean } = { force: true }) {
  t.clock.set(iso)
  await runDailyJobs(t.db, t.clock.now(), 'test', { force: true })
  return runJourneys(t.deps, t.clock.now(), 'test', options)
}

/** The decisions recorded for one member, oldest first. */
export const sendsOf = (t: TestApp, memberId: string) =>
  t.db
    .selectFrom('engagement_sends')
    .select(['source_id', 'period', 'outcome', 'arm'])
    .where('member_id', '=', memberId)
    .orderBy('id')
    .execute()

/** The member's inbox rows, oldest first. */
export const inboxOf = (t: TestApp, memberId: string) =>
  t.db
    .selectFrom('notifications')
    .select(['kind', 'title', 'body', 'page'])
    .where('member_id', '=', memberId)
    .orderBy('id')
    .execute()

/** A paid (and, with `complete`, completed) order at the clock's time; growth (and points) follow the rules. */
export async function orderNow(t: TestApp, memberId: string, orderId: string, amountFen: number, complete = false) {
  const occurredAt = t.clock.now().toISOString()
  const types = complete ? (['order.paid', 'order.completed'] as const) : (['order.paid'] as const)
  for (const type of types) {
    const response = await sendOrderEvent(t, orderEvent(type, orderId, { memberId }, amountFen, { occurredAt }))
    if (response.status !== 200) throw new Error(`order event failed: ${JSON.stringify(response.body)}`)
  }
}

let phones = 0
/** A member joined through the API at the clock's time, optionally with a birthday. */
export async function joinedMemberId(t: TestApp, birthday: string | null = null): Promise<string> {
  phones += 1
  const token = await t.joinedMember(
    `1350${String(process.pid % 1000).padStart(3, '0')}${String(phones).padStart(4, '0')}`,
  )
  const id = (await t.json('GET', '/api/me', undefined, token)).body.member.id as string
  if (birthday) await t.db.updateTable('members').set({ birthday }).where('id', '=', id).execute()
  return id
}
