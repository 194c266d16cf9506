/**
 * How much of an order's earning a refund takes back. Computed on the running total of refunds, not on each
 * refund alone, so rounding never drifts: the reversals of any sequence of partial refunds add up to
 * floor(earned × refunded / paid), never more than was earned, and a full refund takes back exactly everything.
 */
export function refundReversal(input: {
  earned: number
  paidFen: number
  refundedBeforeFen: number
  refundFen: number
}): number {
  const { earned, paidFen, refundedBeforeFen, refundFen } = input
  for (const [name, value] of Object.entries(input)) {
    if (!Number.isSafeInteger(value) || value < 0)
      throw new RangeError(`${name} must be a whole number ≥ 0, got ${value}`)
  }
  if (paidFen === 0) return 0
  const refundedAfterFen = Math.min(paidFen, refundedBeforeFen + refundFen)
  const before = Math.min(paidFen, refundedBeforeFen)
  return proportion(earned, refundedAfterFen, paidFen) - proportion(earned, before, paidFen)
}

function proportion(earned: number, partFen: number, paidFen: number): number {
  return Number((BigInt(earned) * BigInt(partFen)) / BigInt(paidFen))
}
