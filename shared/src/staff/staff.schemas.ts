import { z } from 'zod'
import { MemberCard } from '../member-code/member-code'
import { PhoneNumber } from '../membership/member.schemas'

/** True for PINs anyone would try first: one digit repeated, or a straight run up or down (123456, 987654). */
export function isTrivialPin(pin: string): boolean {
  const steps = new Set([...pin].slice(1).map((digit, i) => (Number(digit) - Number(pin[i]) + 10) % 10))
  return steps.size === 1 && [0, 1, 9].includes([...steps][0])
}

/** A staff PIN: six digits, not a trivial one. Only its scrypt hash is stored. */
export const StaffPin = z
  .string()
  .regex(/^\d{6}$/, { error: '密码应为 6 位数字 / PIN must be 6 digits' })
  .refine((pin) => !isTrivialPin(pin), { error: '密码过于简单 / PIN is too easy to guess' })

export const CreateStaffBody = z.strictObject({
  name: z.string().trim().min(1).max(32),
  phone: PhoneNumber,
  outletId: z.string().trim().min(1).max(64),
  pin: StaffPin,
})
export type CreateStaffBody = z.infer<typeof CreateStaffBody>

/** Login takes any PIN text, so a wrong one is 401 STAFF_LOGIN_FAILED like any other wrong PIN. */
export const StaffLoginBody = z.strictObject({ phone: PhoneNumber, pin: z.string().min(1).max(16) })
export type StaffLoginBody = z.infer<typeof StaffLoginBody>

/** A till receipt number; with the outlet it is the purchase's idempotency key. */
export const ReceiptNo = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_./-]{0,47}$/, {
    error: '小票号为 1–48 位字母、数字或 _ . / - / receipt number: 1–48 letters, digits or _ . / -',
  })

/**
 * An in-store purchase names the member by a fresh member code, or by the `memberId` of a code this staff
 * verified within the last few minutes (one purchase per verification). `amountFen` is the receipt's amount before
 * the coupon; with `couponCode` the member's coupon is used on it and the member pays the rest.
 */
export const StaffPurchaseBody = z
  .strictObject({
    code: z.string().trim().min(1).max(64).optional(),
    memberId: z.string().trim().min(1).max(64).optional(),
    amountFen: z.number().int({ error: '金额必须是整数分 / amount must be whole fen' }).min(1).max(100_000_000),
    receiptNo: ReceiptNo,
    couponCode: z.string().trim().min(1).max(64).optional(),
  })
  .refine((body) => (body.code === undefined) !== (body.memberId === undefined), {
    error: '请提供会员码或已核验的会员 ID 之一 / give exactly one of code or memberId',
  })
export type StaffPurchaseBody = z.infer<typeof StaffPurchaseBody>

/** A staff account as the admin and the staff app see it. */
export const StaffView = z
  .strictObject({
    id: z.string(),
    name: z.string(),
    phoneMasked: z.string(),
    outlet: z.strictObject({ id: z.string(), name: z.string() }),
    /** A disabled account cannot log in; it was signed out everywhere when it was disabled. */
    disabled: z.boolean(),
    disabledAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'StaffView' })
export type StaffView = z.infer<typeof StaffView>

/** GET /api/admin/staff: every store's staff, or one store's; a store manager sees only their own store. */
export const AdminStaffQuery = z.strictObject({ outletId: z.string().trim().min(1).max(64).optional() })
export type AdminStaffQuery = z.infer<typeof AdminStaffQuery>

/** Staff by store, then oldest first. */
export const AdminStaffResponse = z.strictObject({ staff: z.array(StaffView) })
export type AdminStaffResponse = z.infer<typeof AdminStaffResponse>

export const StaffIdParam = z.strictObject({ staffId: z.string().min(1).max(64) })

/** PATCH /api/admin/staff/:staffId: disable an account (its sessions end) or enable it again. */
export const UpdateStaffBody = z.strictObject({ disabled: z.boolean({ error: '请选择启用或停用' }) })
export type UpdateStaffBody = z.infer<typeof UpdateStaffBody>

/** POST /api/admin/staff/:staffId/pin: a new PIN under the same rules as at creation; their sessions end. */
export const ResetStaffPinBody = z.strictObject({ pin: StaffPin })
export type ResetStaffPinBody = z.infer<typeof ResetStaffPinBody>

export const StaffLoginResponse = z.strictObject({ token: z.string(), expiresAt: z.string(), staff: StaffView })
export type StaffLoginResponse = z.infer<typeof StaffLoginResponse>

const TierName = z.strictObject({ id: z.string(), name: z.string() })

/** Why a till purchase waits for a store manager or operator: above the per-purchase limit or the staff's day. */
export const tillHoldReasons = ['purchase_limit', 'daily_total'] as const
export const TillHoldReason = z.enum(tillHoldReasons)
export type TillHoldReason = z.infer<typeof TillHoldReason>

/**
 * The answer to an in-store purchase, replayed identically for the same outlet and receipt number. A `pending`
 * purchase posted nothing yet (growth and points 0) and says which limit held it.
 */
export const StaffPurchaseOutcome = z.strictObject({
  purchaseId: z.string(),
  status: z.enum(['posted', 'pending']),
  orderId: z.string(),
  outletId: z.string(),
  receiptNo: z.string(),
  /** The receipt before the coupon; `discountFen` is what the coupon took off and `paidFen` what the member paid. */
  amountFen: z.number().int(),
  discountFen: z.number().int(),
  paidFen: z.number().int(),
  coupon: z.strictObject({ code: z.string(), name: z.string() }).nullable(),
  hold: z.strictObject({ reason: TillHoldReason, limitFen: z.number().int() }).nullable(),
  memberId: z.string(),
  /** What this purchase earned now; zero while the program waits for something else to credit. */
  growth: z.number().int(),
  points: z.number().int(),
  upgrade: z.strictObject({ from: TierName, to: TierName }).nullable(),
  /** The member's card right after the purchase. */
  member: MemberCard,
})
export type StaffPurchaseOutcome = z.infer<typeof StaffPurchaseOutcome>
