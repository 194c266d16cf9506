import { z } from 'zod'

const count = z.number().int().min(0)

/**
 * GET /api/admin/dashboard/today: the merchant's business day so far (time zone and day start from the published
 * rules). A store manager's joins and orders are those of their store (`outlet`); every other figure is the
 * program's, which has no store to narrow by.
 */
export const DashboardToday = z
  .strictObject({
    /** The business day, YYYY-MM-DD, and the instants it runs between (start inclusive, end exclusive). */
    businessDay: z.string(),
    from: z.string(),
    to: z.string(),
    timeZone: z.string(),
    /** The store joins and orders are narrowed to; null for the whole program. */
    outlet: z.strictObject({ id: z.string(), name: z.string() }).nullable(),
    /** Members who joined today. */
    joins: count,
    /** Daily sign-ins and make-ups recorded today. */
    signIns: count,
    /** Orders whose growth or points were credited today. */
    ordersCredited: count,
    /** Points added today (earning, sign-in, gifts, adjustments up) and points spent in the mall today. */
    pointsIssued: count,
    pointsRedeemed: count,
    /** Redemptions whose payment or refund awaits reconciliation, whenever they happened. */
    pendingReconciliations: count,
    /** What needs someone first, oldest problems included. */
    attention: z.strictObject({
      /** Payment events nobody has resolved yet: unknown orders, mismatches, failed refunds or payment requests. */
      failedNotices: count,
      /** Completed delivery redemptions not yet shipped. */
      deliveriesToShip: count,
      /** The reconciliation queue (the same as `pendingReconciliations`). */
      reconciliationQueue: count,
    }),
  })
  .meta({ id: 'DashboardToday' })
export type DashboardToday = z.infer<typeof DashboardToday>
