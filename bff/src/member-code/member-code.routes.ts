import { Hono } from 'hono'
import type { AppEnv } from '../deps'
import { requireMember } from '../auth/require-member'
import { issueMemberCode } from './issue-member-code'

/** The member's own rotating code, for the QR code and barcode shown at the till. */
export const memberCodeRoutes = new Hono<AppEnv>()
  .get('/me/member-code', requireMember, async (c) => c.json(await issueMemberCode(c.var.deps, c.var.memberId), 200))
