import { StaffLoginBody, StaffPurchaseBody, VerifyMemberCodeBody } from '@mc/shared'
import { Hono } from 'hono'
import { validate } from '../http/validate'
import { verifyMemberCode } from '../member-code/verify-member-code'
import { bearerToken } from '../auth/require-member'
import { loginStaff } from './login-staff'
import { recordStaffPurchase } from './record-purchase'
import { requireStaff, type StaffEnv } from '../auth/require-staff'
import { revokeStaffSession } from '../auth/staff-sessions'

/** The till: staff sign in, scan member codes and record purchases, always at their own outlet. */
export const staffRoutes = new Hono<StaffEnv>()
  .post('/login', validate('json', StaffLoginBody), async (c) => c.json(await loginStaff(c.var.deps, c.req.valid('json')), 200))
  .post('/logout', requireStaff, async (c) => {
    await revokeStaffSession(c.var.deps.db, bearerToken(c.req.header('authorization')), c.var.deps.clock.now())
    return c.json({ loggedOut: true as const }, 200)
  })
  .post('/member-code/verify', requireStaff, validate('json', VerifyMemberCodeBody), async (c) =>
    c.json(await verifyMemberCode(c.var.deps, c.var.staff, c.req.valid('json').code), 200))
  .post('/purchases', requireStaff, validate('json', StaffPurchaseBody), async (c) => {
    const result = await recordStaffPurchase(c.var.deps, c.var.staff, c.req.valid('json'))
    return c.json(result.body, result.replayed ? 200 : 201)
  })
