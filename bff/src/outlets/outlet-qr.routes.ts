import { AdminOutletJoin } from '@mc/shared'
import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../deps'
import { requirePermission } from '../auth/require-permission'
import { validate } from '../http/validate'
import { documentRoute } from '../openapi/document-route'
import { outletJoin, outletQrImage } from './outlet-qr'

const OutletParam = z.object({ outletId: z.string().min(1).max(64) })

/** Merchant console: what a store's printable join poster needs. */
export const outletQrRoutes = new Hono<AppEnv>()
  .get(
    '/outlets/:outletId/join',
    documentRoute({
      summary: "A store's join details: signed scene, absolute H5 join URL, and which kind of code qr.png draws",
      auth: 'admin',
      permission: 'outlets.read',
      ok: { 200: { description: 'The join details', schema: AdminOutletJoin } },
      errors: ['OUTLET_NOT_FOUND', 'OUTLET_FORBIDDEN', 'QR_SCENE_NOT_CONFIGURED'],
    }),
    requirePermission('outlets.read'),
    validate('param', OutletParam),
    async (c) => c.json(await outletJoin(c.var.deps, c.var.principal, c.req.valid('param').outletId), 200),
  )
  .get(
    '/outlets/:outletId/qr.png',
    documentRoute({
      summary: "A store's join QR image: a WeChat mini-program code (weapp) or a QR of the H5 join URL",
      description:
        'With WeChat credentials configured, the code comes from `wxacode.getUnlimited` with the signed scene ' +
        '(WeChat may draw it as JPEG: `Content-Type` says which); otherwise a 512 px PNG QR of the H5 join URL.',
      auth: 'admin',
      permission: 'outlets.read',
      ok: { 200: { description: 'The image', contentType: 'image/png' } },
      errors: [
        'OUTLET_NOT_FOUND',
        'OUTLET_FORBIDDEN',
        'QR_SCENE_NOT_CONFIGURED',
        'WECHAT_QR_FAILED',
        'WECHAT_UNAVAILABLE',
      ],
    }),
    requirePermission('outlets.read'),
    validate('param', OutletParam),
    async (c) => {
      const image = await outletQrImage(c.var.deps, c.var.principal, c.req.valid('param').outletId)
      return c.body(image.bytes, 200, {
        'Content-Type': image.contentType,
        'Cache-Control': 'private, max-age=300',
        'X-Content-Type-Options': 'nosniff',
      })
    },
  )
