import { z } from 'zod'
import { errorCodes, type ErrorBody, type ErrorCode } from '../errors'
import type { HealthResponse, JoinResponse, LoginResponse, MemberProfile } from '../membership/member.types'
import type { OrderEventOutcome } from '../orders/order-event'

/**
 * Zod schemas of response bodies, for the BFF's OpenAPI document. Each one is checked at compile time to be
 * exactly the TypeScript type the handlers return, so the document cannot drift from what is sent.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false

/** `{ error: { code, message, details? } }`, the body of every error response (DESIGN.md §6). */
export const ErrorBodySchema = z.strictObject({
  error: z.object({
    code: z.enum(errorCodes as [ErrorCode, ...ErrorCode[]]),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
})
void (true satisfies Same<z.infer<typeof ErrorBodySchema>, ErrorBody>)

export const HealthResponseSchema = z.strictObject({
  status: z.literal('ok'),
  version: z.string(),
  database: z.enum(['sqlite', 'postgres']),
})
void (true satisfies Same<z.infer<typeof HealthResponseSchema>, HealthResponse>)

export const MemberProfileSchema = z
  .strictObject({
    id: z.string(),
    nickname: z.string(),
    phoneMasked: z.string().nullable(),
    joinedAt: z.string().nullable(),
    sourceOutlet: z.object({ id: z.string(), name: z.string() }).nullable(),
  })
  .meta({ id: 'MemberProfile' })
void (true satisfies Same<z.infer<typeof MemberProfileSchema>, MemberProfile>)

export const LoginResponseSchema = z.strictObject({
  token: z.string(),
  expiresAt: z.string(),
  member: MemberProfileSchema.nullable(),
})
void (true satisfies Same<z.infer<typeof LoginResponseSchema>, LoginResponse>)

export const JoinResponseSchema = z.strictObject({ member: MemberProfileSchema, joinedNow: z.boolean() })
void (true satisfies Same<z.infer<typeof JoinResponseSchema>, JoinResponse>)

/** The answer to a logout (member or staff). */
export const LoggedOutSchema = z.strictObject({ loggedOut: z.literal(true) })

/** A store as the join page greets the shopper with it. */
export const OutletSummarySchema = z.strictObject({ id: z.string(), name: z.string() })

export const OrderEventOutcomeSchema = z.strictObject({
  eventId: z.string(),
  orderId: z.string(),
  status: z.enum(['applied', 'parked', 'duplicate_refund']),
  memberId: z.string().nullable(),
  growth: z.number().int(),
  points: z.number().int(),
  tier: z.strictObject({ from: z.string(), to: z.string() }).nullable(),
})
void (true satisfies Same<z.infer<typeof OrderEventOutcomeSchema>, OrderEventOutcome>)
