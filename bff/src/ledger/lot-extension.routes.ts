import { LotExtension, LotIdParam } from '@mc/shared'
import { Hono } from 'hono'
import type { AppEnv } from '../deps'
import { requireMember } from '../auth/require-member'
import { validate } from '../http/validate'
import { documentRoute } from '../openapi/document-route'
import { extendLot } from './lot-extension'

/** Extending one of the member's own points lots; the member id comes only from the session. */
export const lotExtensionRoutes = new Hono<AppEnv>().post(
  '/me/points/lots/:lotId/extension',
  documentRoute({
    summary: "Extend a points lot's expiry by spending points (once per lot; asking again returns the extension)",
    auth: 'member',
    ok: {
      201: { description: 'The lot was extended now', schema: LotExtension },
      200: { description: 'The lot had already been extended: the first extension', schema: LotExtension },
    },
    errors: ['EXTENSION_DISABLED', 'LOT_NOT_FOUND', 'LOT_NOT_EXTENDABLE', 'POINTS_INSUFFICIENT'],
  }),
  requireMember,
  validate('param', LotIdParam),
  async (c) => {
    const { deps, memberId } = c.var
    const { extension, created } = await extendLot(deps.db, {
      memberId,
      lotId: c.req.valid('param').lotId,
      now: deps.clock.now(),
    })
    return created ? c.json(extension, 201) : c.json(extension, 200)
  },
)
