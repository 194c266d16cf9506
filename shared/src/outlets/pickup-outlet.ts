import { z } from 'zod'

/**
 * A store as a shopper picking up an item needs it: where it is, when it is open and how to call it. The
 * details are null until the merchant fills them in; the name is always there.
 */
export const PickupOutlet = z
  .strictObject({
    id: z.string(),
    name: z.string(),
    address: z.string().nullable(),
    openingHours: z.string().nullable(),
    phone: z.string().nullable(),
  })
  .meta({ id: 'PickupOutlet' })
export type PickupOutlet = z.infer<typeof PickupOutlet>

/**
 * GET /api/mall/pickup-outlets: the stores taking pickups (oldest first) and the one to preselect: the store of
 * the member's last pickup, else the store they joined at, while it still takes pickups; null when neither.
 */
export const PickupOutletsResponse = z.strictObject({
  outlets: z.array(PickupOutlet),
  preferredOutletId: z.string().nullable(),
})
export type PickupOutletsResponse = z.infer<typeof PickupOutletsResponse>

/** The pickup store field of a redemption request: an outlet id as the BFF issues them. */
export const PickupOutletId = z.string().trim().min(1).max(64)
