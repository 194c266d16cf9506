import { z } from 'zod'

/**
 * The member code shown at the till: 18 digits, `9` + a 9-digit card number + an 8-digit TOTP (RFC 6238,
 * HMAC-SHA1, 30-second step). The card number tells the BFF whose secret to check the TOTP against without
 * trying every member; the leading 9 keeps the code apart from WeChat Pay (10–15…) and Alipay (25–30…)
 * payment codes a till scanner also reads. 18 digits fit a Code 128 barcode as well as a QR code.
 */
export const memberCodePeriodSeconds = 30
export const memberCodeDigits = 8
export const memberCodePrefix = '9'
export const cardNoLength = 9
export const memberCodeLength = memberCodePrefix.length + cardNoLength + memberCodeDigits

/** The RFC 6238 time step `T` (Unix seconds / 30) a moment falls in. */
export const memberCodeStep = (now: Date): number => Math.floor(now.getTime() / 1000 / memberCodePeriodSeconds)

/** When a step ends, i.e. when the member app should show the next code. */
export const memberCodeStepEndsAt = (step: number): Date => new Date((step + 1) * memberCodePeriodSeconds * 1000)

/** RFC 4226 §5.3 dynamic truncation: 31 bits at the offset the last nibble names, as `digits` decimal digits. */
export function truncateToDigits(hmac: Uint8Array, digits: number): string {
  if (hmac.length < 20) throw new RangeError('an HOTP value needs at least a 20-byte HMAC')
  const offset = hmac[hmac.length - 1] & 0x0f
  const binary = (hmac[offset] & 0x7f) * 2 ** 24 + (hmac[offset + 1] << 16) + (hmac[offset + 2] << 8) + hmac[offset + 3]
  return String(binary % 10 ** digits).padStart(digits, '0')
}

export const formatMemberCode = (cardNo: string, otp: string): string => `${memberCodePrefix}${cardNo}${otp}`

/** Splits a scanned or typed code; spaces and dashes a cashier may type are ignored. Null when it is not one. */
export function parseMemberCode(code: string): { cardNo: string; otp: string } | null {
  const digits = code.replace(/[\s-]/g, '')
  if (digits.length !== memberCodeLength || !/^\d+$/.test(digits) || !digits.startsWith(memberCodePrefix)) return null
  const start = memberCodePrefix.length
  return { cardNo: digits.slice(start, start + cardNoLength), otp: digits.slice(start + cardNoLength) }
}

/** GET /api/me/member-code: the code for this step; `expiresAt` is when the app should fetch the next one. */
export const MemberCodeResponse = z.strictObject({
  code: z.string(),
  step: z.number().int(),
  expiresAt: z.string(),
  periodSeconds: z.literal(memberCodePeriodSeconds),
})
export type MemberCodeResponse = z.infer<typeof MemberCodeResponse>

/** What staff see after scanning: enough to greet the member, never the whole phone number. */
export const MemberCard = z
  .strictObject({
    memberId: z.string(),
    nickname: z.string(),
    phoneMasked: z.string().nullable(),
    tier: z.strictObject({ id: z.string(), name: z.string() }),
    pointsAvailable: z.number().int(),
  })
  .meta({ id: 'MemberCard' })
export type MemberCard = z.infer<typeof MemberCard>

/** Only the shape is checked here; whether the code is valid is the BFF's answer (404 MEMBER_CODE_INVALID). */
export const VerifyMemberCodeBody = z.strictObject({ code: z.string().trim().min(1).max(64) })
export type VerifyMemberCodeBody = z.infer<typeof VerifyMemberCodeBody>

/** A verified code: the card, and until when the same staff may record one purchase by `memberId`. */
export const MemberCodeVerification = z.strictObject({ member: MemberCard, purchaseAllowedUntil: z.string() })
export type MemberCodeVerification = z.infer<typeof MemberCodeVerification>
