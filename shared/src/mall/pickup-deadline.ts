import {
  addDays,
  type BusinessCalendar,
  type BusinessDay,
  businessDayOf,
  businessDayStart,
} from '../calendar/business-day'

/** How many business days a pickup item waits at the store when the merchant sets nothing, as Youzan's 自提有效期. */
export const defaultPickupDays = 30

/**
 * When a pickup becomes collectable (points only: at redemption; points plus cash: when paid), it may be collected
 * through the whole business day `pickupDays` days later. `lastDay` is that day, shown to the shopper as the date
 * to come by; `deadline` is the instant it ends (the next business day's start), after which staff refuse the code.
 * Both come from the merchant's calendar, so a shop whose day starts at 04:00 keeps the night before its start.
 */
export function pickupDeadline(
  collectableAt: Date,
  pickupDays: number,
  calendar: BusinessCalendar,
): { lastDay: BusinessDay; deadline: Date } {
  const lastDay = addDays(businessDayOf(collectableAt, calendar), pickupDays)
  return { lastDay, deadline: businessDayStart(addDays(lastDay, 1), calendar) }
}

/** Whether a pickup's time is up at `now`; redemptions from before deadlines existed (null) never lapse. */
export function pickupExpired(deadline: string | null, now: Date): boolean {
  return deadline !== null && now.getTime() >= Date.parse(deadline)
}
