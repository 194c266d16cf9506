import { z } from 'zod'

/**
 * Account closing (PIPL's right to erasure, DESIGN.md §7). The choice made here: open points, unused coupons and
 * the tier are forfeited once the member confirms having seen them; a redemption still in progress (unpaid, not
 * yet shipped or not yet picked up) refuses the closing until it is finished or cancelled.
 */

const int = z.number().int()

/** A redemption that blocks the closing, with the state the member sees it in. */
export const ClosingPendingRedemption = z.strictObject({
  id: z.string(),
  itemTitle: z.string(),
  /** Why it is still open: awaiting payment, awaiting shipping or awaiting pickup. */
  waitingFor: z.enum(['payment', 'shipping', 'pickup']),
})
export type ClosingPendingRedemption = z.infer<typeof ClosingPendingRedemption>

/** GET /api/me/closing: what closing loses, and whether it can be done now. */
export const ClosingPreview = z.strictObject({
  /** The points balance that is forfeited (negative when the member owes points; that debt is dropped with them). */
  points: int,
  /** Growth that stops counting towards any tier. */
  growth: int,
  tier: z.strictObject({ key: z.string(), name: z.string() }).nullable(),
  /** Unused coupons that can no longer be used. */
  coupons: z.array(z.strictObject({ id: z.string(), name: z.string(), validUntil: z.string() })),
  pendingRedemptions: z.array(ClosingPendingRedemption),
  /** False while a redemption is pending: POST then answers CLOSE_PENDING_REDEMPTIONS. */
  canClose: z.boolean(),
})
export type ClosingPreview = z.infer<typeof ClosingPreview>

/**
 * POST /api/me/closing: `confirm` must be true, and `points` must be the balance the member was shown, so a page
 * opened before points changed cannot forfeit more than the member saw (CLOSE_NOT_CONFIRMED otherwise).
 */
export const CloseAccountBody = z.strictObject({ confirm: z.boolean(), points: int })
export type CloseAccountBody = z.infer<typeof CloseAccountBody>

/** POST /api/admin/members/:memberId/closing: the member's request, in the operator's words, for the audit log. */
export const AdminCloseAccountBody = z.strictObject({ reason: z.string().trim().min(2).max(200) })
export type AdminCloseAccountBody = z.infer<typeof AdminCloseAccountBody>

export const AccountClosed = z.strictObject({ memberId: z.string(), closedAt: z.string() })
export type AccountClosed = z.infer<typeof AccountClosed>

/** The nickname a closed account shows wherever its id still appears (ledger reports, old audit lines). */
export const closedMemberNickname = '已注销会员'
