import { z } from 'zod'

/**
 * An admin's correction of one entry: without `amount` the whole of what is left of it is reversed; with it, that
 * much is taken back as a partial correction. The reason is required, and the member reads it.
 */
export const EntryReversalBody = z.strictObject({
  reason: z.string().trim().min(2, { error: '请填写冲正原因 / a reason is required' }).max(100),
  amount: z
    .number()
    .int({ error: '冲正数量必须是整数 / amount must be whole' })
    .min(1, { error: '冲正数量必须大于 0 / amount must be positive' })
    .max(10_000_000)
    .optional(),
})
export type EntryReversalBody = z.infer<typeof EntryReversalBody>

/** The answer to a reversal (and to its replay): the reversing entry and the entry it corrects. */
export const EntryReversalResponse = z.strictObject({
  /** The reversing entry. */
  entryId: z.string(),
  reversedEntryId: z.string(),
  ledger: z.enum(['growth', 'points']),
  /** Signed: the opposite sign of the reversed entry. */
  amount: z.number().int(),
  balanceAfter: z.number().int(),
  /** Set when growth given back lifted the member to a higher tier. */
  tierChange: z.strictObject({ from: z.string(), to: z.string() }).nullable(),
})
export type EntryReversalResponse = z.infer<typeof EntryReversalResponse>
