/**
 * Campaign messages the outbox drain delivers per pass, once a minute: the inbox's own rate (our database's, not a
 * provider's limit). A million-member campaign lands in every inbox within about seventeen minutes.
 */
export const campaignMessagesPerMinute = 60_000

/** A campaign with messages still waiting, in the order the drain takes campaigns (scheduled time, then id). */
export interface DeliveringCampaign {
  id: string
  waiting: number
}

/**
 * Minutes until the drain has delivered the last waiting message of campaign `id`: the drain passes once a minute
 * and takes campaigns in `queue` order, so the campaigns ahead of it are delivered first. 0 when it has nothing
 * waiting (or is not in the queue).
 */
export function deliveryMinutesLeft(
  queue: readonly DeliveringCampaign[],
  id: string,
  perMinute: number = campaignMessagesPerMinute,
): number {
  let through = 0
  for (const campaign of queue) {
    through += campaign.waiting
    if (campaign.id === id) return campaign.waiting > 0 ? Math.ceil(through / perMinute) : 0
  }
  return 0
}

/** The share delivered as a whole percent, 100 only once every message is (99.99 % still reads 99). */
export function deliveredPercent(planned: number, delivered: number): number {
  if (planned <= 0) return 0
  return delivered >= planned ? 100 : Math.floor((delivered * 100) / planned)
}
