import {
  AppError,
  formatOutletScene,
  joinPagePath,
  maxSceneOutletIdLength,
  parseOutletScene,
  sceneSignatureLength,
} from '@mc/shared'
import { createHmac, timingSafeEqual } from 'node:crypto'

/** The signed text is labelled, so this MAC can never be mistaken for another use of the same secret. */
const sceneSignature = (secret: string, outletId: string) =>
  createHmac('sha256', secret)
    .update(`mc-outlet-scene:v1:${outletId}`)
    .digest('base64url')
    .slice(0, sceneSignatureLength)

/** The join-QR scene of a store, or null when no secret is configured or the id is too long to fit 32 characters. */
export function outletScene(secret: string | null, outletId: string): string | null {
  if (!secret || outletId.length > maxSceneOutletIdLength || !/^[A-Za-z0-9_-]+$/.test(outletId)) return null
  return formatOutletScene(outletId, sceneSignature(secret, outletId))
}

export const outletJoinUrl = (scene: string | null): string | null => (scene ? joinPagePath(scene) : null)

/**
 * The outlet id a scene vouches for. A malformed, forged or altered scene, or any scene while no secret is
 * configured, is 400 OUTLET_SCENE_INVALID; the signature is compared in constant time.
 */
export function outletIdFromScene(secret: string | null, scene: string): string {
  const parsed = parseOutletScene(scene)
  if (!secret || !parsed) throw new AppError('OUTLET_SCENE_INVALID')
  const expected = Buffer.from(sceneSignature(secret, parsed.outletId))
  const given = Buffer.from(parsed.signature)
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw new AppError('OUTLET_SCENE_INVALID')
  return parsed.outletId
}
