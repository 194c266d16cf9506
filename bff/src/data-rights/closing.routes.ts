import { AccountClosed, AdminCloseAccountBody, AdminMemberParam, CloseAccountBody, ClosingPreview } from '@mc/shared'
import { Hono } from 'hono'
import type { AppEnv } from '../deps'
import { requireMember } from '../auth/require-member'
import { requirePermission } from '../auth/require-permission'
import { validate } from '../http/validate'
import { documentRoute } from '../openapi/document-route'
import { closeAccount } from './closing-account'
import { closingPreview } from './closing-preview'

/** The member's own closing (PIPL erasure): first what is lost, then the closing with the member's confirmation. */
export const memberClosingRoutes = new Hono<AppEnv>()
  .get(
    '/me/closing',
    documentRoute({
      summary: 'What closing the account loses (points, coupons, tier) and whether a pending redemption blocks it',
      auth: 'member',
      ok: { 200: { description: 'The closing preview', schema: ClosingPreview } },
      errors: ['ACCOUNT_CLOSED'],
    }),
    requireMember,
    async (c) => c.json(await closingPreview(c.var.deps.db, c.var.memberId, c.var.deps.clock.now()), 200),
  )
  .post(
    '/me/closing',
    documentRoute({
      summary: 'Close the account: forfeits the points, coupons and tier shown, erases personal data, ends sessions',
      description:
        '`confirm` must be true and `points` the balance the preview showed. Refused while a redemption is unpaid, ' +
        'unshipped or not picked up. Ledger rows stay under the member id; phone, openid, nickname and the rest ' +
        'are erased, so the next login with the same phone is a new member.',
      auth: 'member',
      ok: { 200: { description: 'Closed', schema: AccountClosed } },
      errors: ['CLOSE_NOT_CONFIRMED', 'CLOSE_PENDING_REDEMPTIONS', 'ACCOUNT_CLOSED'],
    }),
    requireMember,
    validate('json', CloseAccountBody),
    async (c) => {
      const { deps, memberId } = c.var
      const body = c.req.valid('json')
      return c.json(await closeAccount(deps.db, { by: 'member', memberId, body, now: deps.clock.now() }), 200)
    },
  )

/** An operator closes an account on the member's request (by phone, at the counter); audited with the reason. */
export const memberClosingAdminRoutes = new Hono<AppEnv>().post(
  '/members/:memberId/closing',
  documentRoute({
    summary: 'Close a member’s account on their request, with the reason; audited without the phone',
    auth: 'admin',
    permission: 'members.adjust',
    ok: { 200: { description: 'Closed', schema: AccountClosed } },
    errors: ['MEMBER_NOT_FOUND', 'CLOSE_PENDING_REDEMPTIONS', 'ACCOUNT_CLOSED'],
  }),
  requirePermission('members.adjust'),
  validate('param', AdminMemberParam),
  validate('json', AdminCloseAccountBody),
  async (c) => {
    const { deps, principal } = c.var
    const closed = await closeAccount(deps.db, {
      by: 'operator',
      memberId: c.req.valid('param').memberId,
      actor: principal.actor,
      reason: c.req.valid('json').reason,
      now: deps.clock.now(),
    })
    return c.json(closed, 200)
  },
)
