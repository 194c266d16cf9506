import { z } from 'zod'

/** The mini-program page a store's join code opens; WeChat's `page` names it without a leading slash. */
export const joinWeappPage = 'membership/pages/join/index'

/** The admin path of a store's join QR image. */
export const outletQrPath = (outletId: string): string => `/api/admin/outlets/${encodeURIComponent(outletId)}/qr.png`

/**
 * What a merchant needs to print a store's join QR: the signed scene, the absolute H5 join URL, and which kind
 * of code `qr.png` draws (a WeChat mini-program code when the BFF has WeChat credentials, else a plain QR of the
 * H5 join URL). `qrPath` needs the operator's token, so fetch it with the Authorization header.
 */
export const AdminOutletJoin = z
  .strictObject({
    outletId: z.string(),
    name: z.string(),
    scene: z.string(),
    joinUrl: z.string(),
    qrKind: z.enum(['weapp', 'h5']),
    /** The page the mini-program code opens (weapp only). */
    weappPage: z.string().nullable(),
    qrPath: z.string(),
  })
  .meta({ id: 'AdminOutletJoin' })
export type AdminOutletJoin = z.infer<typeof AdminOutletJoin>
