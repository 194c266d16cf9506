import { MemberDataExport, memberDataFileName } from '@mc/shared'
import { Hono } from 'hono'
import type { AppEnv } from '../deps'
import { requireMember } from '../auth/require-member'
import { documentRoute } from '../openapi/document-route'
import { exportMemberData } from './export-member-data'

/** The member's copy of their own data (PIPL access and portability); the member id comes only from the session. */
export const memberExportRoutes = new Hono<AppEnv>().get(
  '/me/export',
  documentRoute({
    summary: 'Everything held about the member, as a JSON file to download',
    description:
      'Profile, tier and tier history, both ledgers with every reason, lots, holds and extensions, orders, coupons, ' +
      'redemptions with their addresses, sign-ins, messages, notification choices, tags and scores. Credentials ' +
      '(session token hashes, the member code secret, the WeChat session key) are withheld. Sent as an attachment.',
    auth: 'member',
    ok: { 200: { description: 'The member data document', schema: MemberDataExport } },
  }),
  requireMember,
  async (c) => {
    const { deps, memberId } = c.var
    const data = await exportMemberData(deps.db, memberId, deps.clock.now())
    c.header('content-disposition', `attachment; filename="${memberDataFileName(memberId, data.exportedAt)}"`)
    return c.json(data, 200)
  },
)
