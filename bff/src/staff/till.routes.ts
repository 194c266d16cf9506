import { TillBenefits, TillBenefitsQuery } from '@mc/shared'
import { Hono } from 'hono'
import { requireStaff, type StaffEnv } from '../auth/require-staff'
import { validate } from '../http/validate'
import { documentRoute } from '../openapi/document-route'
import { tillBenefits } from './till-benefits'

/** The till's view of the member just scanned: the coupons and member price it can apply to the purchase. */
export const tillRoutes = new Hono<StaffEnv>().get(
  '/till/benefits',
  documentRoute({
    summary: "The scanned member's usable cash-off coupons and member-price discount (a code this staff just scanned)",
    auth: 'staff',
    ok: { 200: { description: 'Coupons usable now, soonest ending first, and the discount', schema: TillBenefits } },
    errors: ['MEMBER_CODE_REQUIRED', 'MEMBER_NOT_FOUND'],
  }),
  requireStaff,
  validate('query', TillBenefitsQuery),
  async (c) =>
    c.json(await tillBenefits(c.var.deps.db, c.var.staff, c.req.valid('query').memberId, c.var.deps.clock.now()), 200),
)
