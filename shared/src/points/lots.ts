/** A points lot: what one earning left to spend, and when it lapses (an ISO instant, or null for never). */
export interface PointsLot {
  id: string
  remaining: number
  expiresAt: string | null
}

/** How much to take from which lot. */
export interface LotTake {
  lotId: string
  points: number
}

/**
 * Plans a spend of `points` from the lots still alive at `now`: earliest expiry first (lots that never expire
 * last), ties broken by id, which is time-ordered, so the oldest earning goes first. Returns null when the live
 * lots do not cover the spend; an expired lot is never touched, even if its expiry sweep has not run yet.
 */
export function planLotConsumption(lots: readonly PointsLot[], points: number, now: Date): LotTake[] | null {
  if (!Number.isSafeInteger(points) || points <= 0)
    throw new RangeError(`points to spend must be a whole number > 0, got ${points}`)
  const nowIso = now.toISOString()
  const live = lots
    .filter((lot) => lot.remaining > 0 && (lot.expiresAt === null || lot.expiresAt > nowIso))
    .sort(byExpiryThenId)
  const takes: LotTake[] = []
  let left = points
  for (const lot of live) {
    if (left === 0) break
    const take = Math.min(lot.remaining, left)
    takes.push({ lotId: lot.id, points: take })
    left -= take
  }
  return left === 0 ? takes : null
}

export function byExpiryThenId(a: PointsLot, b: PointsLot): number {
  if (a.expiresAt !== b.expiresAt) {
    if (a.expiresAt === null) return 1
    if (b.expiresAt === null) return -1
    return a.expiresAt < b.expiresAt ? -1 : 1
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/** Points of the live lots, i.e. what could be spent at `now` before any hold or debt is taken into account. */
export function livePoints(lots: readonly PointsLot[], now: Date): number {
  const nowIso = now.toISOString()
  return lots.reduce((sum, lot) => (lot.expiresAt === null || lot.expiresAt > nowIso ? sum + lot.remaining : sum), 0)
}
