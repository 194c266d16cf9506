import { MemberCodeResponse } from '@mc/shared'
import { Hono } from 'hono'
import type { AppEnv } from '../deps'
import { requireMember } from '../auth/require-member'
import { issueMemberCode } from './issue-member-code'
import { documentRoute } from '../openapi/document-route'

/** The member's own rotating code, for the QR code and barcode shown at the till. */
export const memberCodeRoutes = new Hono<AppEnv>().get(
  '/me/member-code',
  documentRoute({
    summary:
      'The rotating member code (18 digits: 9, card number, 8-digit TOTP) for the QR code and barcode; ' +
      'fetch again at expiresAt',
    auth: 'member',
    ok: { 200: { description: 'The code of this 30-second step', schema: MemberCodeResponse } },
    errors: ['MEMBER_NOT_JOINED'],
  }),
  requireMember,
  async (c) => c.json(await issueMemberCode(c.var.deps, c.var.memberId), 200),
)
