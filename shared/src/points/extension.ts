import { z } from 'zod'
import { addDays, businessDayOf, businessDayStart, type BusinessCalendar } from '../calendar/business-day'

/** The rules' extend-by-points offer: spend `costPoints` to push one lot's expiry back `extendDays` business days. */
export interface LotExtensionRule {
  costPoints: number
  extendDays: number
}

/** A points lot as far as extending it goes. */
export interface ExtendableLot {
  remaining: number
  /** The instant the lot lapses; null for a lot that never does. */
  expiresAt: string | null
  /** True once the lot has been extended: each lot is extended at most once. */
  extended: boolean
}

/** Why a lot cannot be extended; each is shown to the member in Chinese by `lotNotExtendableText`. */
export const lotNotExtendableReasons = ['never_expires', 'expired', 'spent', 'already_extended', 'too_small'] as const
export type LotNotExtendableReason = (typeof lotNotExtendableReasons)[number]

export const lotNotExtendableText: Record<LotNotExtendableReason, string> = {
  never_expires: '这笔积分永久有效，无需延期',
  expired: '这笔积分已过期，不能延期',
  spent: '这笔积分已用完',
  already_extended: '这笔积分已延期过一次',
  too_small: '这笔积分不多于延期所需积分，延期并不划算',
}

/**
 * The instant a lot lapsing at `expiresAt` lapses once extended: the same time of day, `extendDays` business days
 * later in the merchant's calendar, so a lot lapsing at the start of a business day still does after a change of
 * UTC offset (a plain 24-hour step would drift by an hour across daylight saving).
 */
export function extendedExpiresAt(expiresAt: string, extendDays: number, calendar: BusinessCalendar): string {
  if (!Number.isSafeInteger(extendDays) || extendDays <= 0)
    throw new RangeError(`extendDays must be a whole number > 0, got ${extendDays}`)
  const instant = new Date(expiresAt)
  if (Number.isNaN(instant.getTime())) throw new RangeError(`not an instant: ${expiresAt}`)
  const day = businessDayOf(instant, calendar)
  const intoDay = instant.getTime() - businessDayStart(day, calendar).getTime()
  return new Date(businessDayStart(addDays(day, extendDays), calendar).getTime() + intoDay).toISOString()
}

/**
 * Whether a lot can be extended at `now`, and to when. A lot must still be alive, hold points, never have been
 * extended, and hold more than the extension costs: paying 50 points to keep 30 would leave the member worse off.
 * Null when the program offers no extension at all.
 */
export function lotExtendability(
  lot: ExtendableLot,
  rule: LotExtensionRule | null,
  now: Date,
  calendar: BusinessCalendar,
): { extendable: true; expiresAt: string } | { extendable: false; reason: LotNotExtendableReason } | null {
  if (rule === null) return null
  if (lot.expiresAt === null) return { extendable: false, reason: 'never_expires' }
  if (lot.expiresAt <= now.toISOString()) return { extendable: false, reason: 'expired' }
  if (lot.extended) return { extendable: false, reason: 'already_extended' }
  if (lot.remaining <= 0) return { extendable: false, reason: 'spent' }
  if (lot.remaining <= rule.costPoints) return { extendable: false, reason: 'too_small' }
  return { extendable: true, expiresAt: extendedExpiresAt(lot.expiresAt, rule.extendDays, calendar) }
}

/** The answer to an extension: the lot, what it cost and the entry that paid, and its expiry before and after. */
export const LotExtension = z
  .strictObject({
    id: z.string(),
    lotId: z.string(),
    costPoints: z.number().int(),
    extendDays: z.number().int(),
    /** The points spend that paid for the extension. */
    entryId: z.string(),
    expiresAtBefore: z.string(),
    expiresAtAfter: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'LotExtension' })
export type LotExtension = z.infer<typeof LotExtension>

/** Path parameter of the extension route: a points lot id. */
export const LotIdParam = z.strictObject({
  lotId: z.string().regex(/^plt_[0-9A-Z]{26}$/, { error: '无效的积分批次 / invalid lot id' }),
})
