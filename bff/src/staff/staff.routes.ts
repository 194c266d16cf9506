import {
  LoggedOutSchema,
  MemberCodeVerification,
  StaffLoginBody,
  StaffLoginResponse,
  StaffPurchaseBody,
  StaffPurchaseOutcome,
  VerifyMemberCodeBody,
} from '@mc/shared'
import { Hono } from 'hono'
import { validate } from '../http/validate'
import { verifyMemberCode } from '../member-code/verify-member-code'
import { bearerToken } from '../auth/require-member'
import { loginStaff } from './login-staff'
import { recordStaffPurchase } from './record-purchase'
import { requireStaff, type StaffEnv } from '../auth/require-staff'
import { revokeStaffSession } from '../auth/staff-sessions'
import { documentRoute } from '../openapi/document-route'
import { clientAddress } from '../auth/client-address'
import { rateLimit } from '../auth/rate-limit'

/** The till: staff sign in, scan member codes and record purchases, always at their own outlet. */
export const staffRoutes = new Hono<StaffEnv>()
  .post(
    '/login',
    documentRoute({
      summary:
        'Staff sign in with phone and PIN; five failures in ten minutes lock the phone for the rest of the window',
      auth: 'none',
      ok: { 200: { description: 'The staff session and account', schema: StaffLoginResponse } },
      errors: ['STAFF_LOGIN_FAILED', 'STAFF_LOGIN_THROTTLED', 'RATE_LIMITED'],
    }),
    validate('json', StaffLoginBody),
    async (c) => {
      const body = c.req.valid('json')
      await rateLimit(c, 'staffLogin', body.phone)
      return c.json(await loginStaff(c.var.deps, body, clientAddress(c)), 200)
    },
  )
  .post(
    '/logout',
    documentRoute({
      summary: 'End this staff session',
      auth: 'staff',
      ok: { 200: { description: 'Logged out', schema: LoggedOutSchema } },
    }),
    requireStaff,
    async (c) => {
      await revokeStaffSession(c.var.deps.db, bearerToken(c.req.header('authorization')), c.var.deps.clock.now())
      return c.json({ loggedOut: true as const }, 200)
    },
  )
  .post(
    '/member-code/verify',
    documentRoute({
      summary: 'Scan a member code (current or previous 30 s step, each code once) and get the member card',
      auth: 'staff',
      ok: {
        200: {
          description: 'The member card, and until when a purchase may name the member',
          schema: MemberCodeVerification,
        },
      },
      errors: ['MEMBER_CODE_INVALID', 'MEMBER_CODE_THROTTLED'],
    }),
    requireStaff,
    validate('json', VerifyMemberCodeBody),
    async (c) => c.json(await verifyMemberCode(c.var.deps, c.var.staff, c.req.valid('json').code), 200),
  )
  .post(
    '/purchases',
    documentRoute({
      summary:
        'Record a till purchase (by code, or memberId of a code this staff just verified), optionally with the ' +
        "member's coupon, through the order earning pipeline; above the till limits it is pending approval " +
        'with nothing posted; idempotent by outlet and receipt number',
      auth: 'staff',
      ok: {
        201: { description: 'The purchase recorded: what it earned and the card after', schema: StaffPurchaseOutcome },
        200: { description: 'The first outcome, replayed for the same receipt', schema: StaffPurchaseOutcome },
      },
      errors: [
        'MEMBER_CODE_REQUIRED',
        'MEMBER_CODE_INVALID',
        'IDEMPOTENCY_KEY_REUSED',
        'MEMBER_CODE_THROTTLED',
        'COUPON_NOT_FOUND',
        'COUPON_NOT_HOLDER',
        'COUPON_ALREADY_USED',
        'COUPON_EXPIRED',
        'COUPON_THRESHOLD_NOT_MET',
      ],
    }),
    requireStaff,
    validate('json', StaffPurchaseBody),
    async (c) => {
      const result = await recordStaffPurchase(c.var.deps, c.var.staff, c.req.valid('json'))
      return c.json(result.body, result.replayed ? 200 : 201)
    },
  )
