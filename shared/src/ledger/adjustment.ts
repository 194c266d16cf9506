import { z } from 'zod'

/** A manual correction by the merchant: signed amount on one ledger, with the reason the member will read. */
export const AdjustmentBody = z.strictObject({
  ledger: z.enum(['growth', 'points']),
  amount: z
    .number()
    .int({ error: '调整数量必须是整数 / amount must be whole' })
    .min(-10_000_000)
    .max(10_000_000)
    .refine((n) => n !== 0, { error: '调整数量不能为 0 / amount must not be 0' }),
  reason: z.string().trim().min(2, { error: '请填写调整原因 / a reason is required' }).max(100),
})
export type AdjustmentBody = z.infer<typeof AdjustmentBody>

/** Idempotency-Key header: the client makes it once per intended action and resends it on retry. */
export const IdempotencyHeader = z.object({
  'idempotency-key': z
    .string()
    .trim()
    .min(8, { error: '缺少 Idempotency-Key / Idempotency-Key header is required (8–128 chars)' })
    .max(128),
})

/** The answer to an adjustment (and to its replay): the entry posted and, for growth, an upgrade it caused. */
export const AdjustmentResponse = z.strictObject({
  entryId: z.string(),
  ledger: z.enum(['growth', 'points']),
  /** Signed, as asked. */
  amount: z.number().int(),
  balanceAfter: z.number().int(),
  /** Set when added growth lifted the member to a higher tier. */
  tierChange: z.strictObject({ from: z.string(), to: z.string() }).nullable(),
})
export type AdjustmentResponse = z.infer<typeof AdjustmentResponse>
