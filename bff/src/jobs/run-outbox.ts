import { deliverCampaigns } from '../automation/campaigns/deliver-campaigns'
import type { Deps } from '../deps'
import { drainOutbox, type DrainResult } from '../outreach/drain-outbox'
import { readEngagementSettings } from '../outreach/engagement-settings'

export type OutboxPass = DrainResult & {
  /** Planned campaign messages written (coupon, inbox message and push rows) in this pass. */
  campaignMessages: number
}

/**
 * The scheduler's outbox pass, once a minute under the 'outbox' lease: first the planned campaigns' messages at the
 * inbox's rate (deliverCampaigns), so the push rows they queue can go out in the same pass, then the push channels
 * (drainOutbox). Like a failing channel, a campaign that cannot be delivered never holds up what is already queued.
 */
export async function runOutbox(
  deps: Pick<Deps, 'db' | 'clock' | 'logger' | 'outreach'>,
  now: Date,
): Promise<OutboxPass> {
  // Read once for both steps; if they cannot be read, neither step could run.
  const settings = await readEngagementSettings(deps.db)
  let campaignMessages = 0
  try {
    campaignMessages = await deliverCampaigns(deps.db, settings, now)
  } catch (err) {
    deps.logger.error({ err, job: 'outbox' }, 'campaign delivery failed')
  }
  return { campaignMessages, ...(await drainOutbox(deps, now, settings)) }
}
