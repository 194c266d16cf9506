import { AppError, type AdminOutletJoin, joinPagePath, joinWeappPage, outletQrPath } from '@mc/shared'
import QRCode from 'qrcode'
import type { Deps } from '../deps'
import type { Principal } from '../auth/operator-principal'
import { assertOutletInScope } from '../auth/outlet-scope'
import { outletScene } from './outlet-scene'
import { unlimitedWxacode } from './wxacode'

/** A store's join details, for an operator who may see that store (a store manager only their own). */
export async function outletJoin(deps: Deps, principal: Principal, outletId: string): Promise<AdminOutletJoin> {
  assertOutletInScope(principal, outletId)
  const outlet = await deps.db
    .selectFrom('outlets')
    .select(['id', 'name'])
    .where('id', '=', outletId)
    .executeTakeFirst()
  if (!outlet) throw new AppError('OUTLET_NOT_FOUND', { outletId })
  const scene = outletScene(deps.qrSceneSecret, outlet.id)
  if (!scene) throw new AppError('QR_SCENE_NOT_CONFIGURED')
  const weapp = deps.joinQr.wechat !== null
  return {
    outletId: outlet.id,
    name: outlet.name,
    scene,
    joinUrl: `${deps.joinQr.publicBaseUrl}${joinPagePath(scene)}`,
    qrKind: weapp ? 'weapp' : 'h5',
    weappPage: weapp ? joinWeappPage : null,
    qrPath: outletQrPath(outlet.id),
  }
}

/**
 * The image to print for a store: WeChat's mini-program code for the signed scene when the BFF has WeChat
 * credentials, else a QR code of the H5 join URL (PNG, 512 px, error correction M so a smudge still scans).
 */
export async function outletQrImage(
  deps: Deps,
  principal: Principal,
  outletId: string,
): Promise<{ bytes: Uint8Array<ArrayBuffer>; contentType: 'image/png' | 'image/jpeg' }> {
  const join = await outletJoin(deps, principal, outletId)
  const wechat = deps.joinQr.wechat
  if (wechat) return unlimitedWxacode(deps, wechat, { scene: join.scene, page: joinWeappPage })
  const png = await QRCode.toBuffer(join.joinUrl, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 512 })
  return { bytes: new Uint8Array(png), contentType: 'image/png' }
}
