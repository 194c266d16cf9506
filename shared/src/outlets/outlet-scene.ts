import { z } from 'zod'

/**
 * A store's join QR carries a signed scene, `o=<outletId>&s=<signature>`. WeChat's `wxacode.getUnlimited`
 * takes at most 32 visible characters, so the signature is a truncated HMAC (10 base64url characters, 60
 * bits: far beyond online guessing) and the outlet id itself must stay short. Signing needs a secret and
 * node:crypto, so it happens in the BFF; this file only knows the shape.
 */
export const maxSceneLength = 32
export const sceneSignatureLength = 10
export const maxSceneOutletIdLength = maxSceneLength - 'o=&s='.length - sceneSignatureLength

const scenePattern = new RegExp(
  `^o=([A-Za-z0-9_-]{1,${maxSceneOutletIdLength}})&s=([A-Za-z0-9_-]{${sceneSignatureLength}})$`,
)

export const formatOutletScene = (outletId: string, signature: string): string => `o=${outletId}&s=${signature}`

/**
 * Reads a scene as it arrives: WeChat hands it to the page URL-encoded (`o%3D…`), a browser link may have
 * decoded it already. Anything but the exact shape is null.
 */
export function parseOutletScene(scene: string): { outletId: string; signature: string } | null {
  let text = scene.trim()
  if (text.includes('%')) {
    try {
      text = decodeURIComponent(text)
    } catch {
      return null
    }
  }
  const match = scenePattern.exec(text)
  return match ? { outletId: match[1], signature: match[2] } : null
}

/** The H5 join page for a scene, relative to wherever the H5 app is served. */
export const joinPagePath = (scene: string): string =>
  `/#/membership/pages/join/index?scene=${encodeURIComponent(scene)}`

/** What a shopper reads to find the store for a pickup; empty text clears a field. */
const outletDetails = {
  address: z.string().trim().max(120, { error: '地址最多 120 个字 / address is at most 120 characters' }).optional(),
  openingHours: z
    .string()
    .trim()
    .max(60, { error: '营业时间最多 60 个字 / opening hours are at most 60 characters' })
    .optional(),
  phone: z
    .string()
    .trim()
    .regex(/^$|^[0-9+\- ]{5,20}$/, { error: '电话为 5–20 位数字、+、- 或空格 / phone: 5–20 digits, +, - or spaces' })
    .optional(),
}

export const CreateOutletBody = z.strictObject({ name: z.string().trim().min(1).max(32), ...outletDetails })
export type CreateOutletBody = z.infer<typeof CreateOutletBody>

/** PATCH /api/admin/outlets/:outletId: the store's details, and whether it still takes pickups. */
export const UpdateOutletBody = z.strictObject({
  name: z.string().trim().min(1).max(32).optional(),
  ...outletDetails,
  /** false stops new pickups at this store (redemptions already placed there are still handed over). */
  takesPickups: z.boolean().optional(),
})
export type UpdateOutletBody = z.infer<typeof UpdateOutletBody>

/** A store as the merchant console lists it; `scene` and `joinUrl` are null when QR_SCENE_SECRET is not set. */
export const AdminOutletView = z
  .strictObject({
    id: z.string(),
    name: z.string(),
    scene: z.string().nullable(),
    joinUrl: z.string().nullable(),
    address: z.string().nullable(),
    openingHours: z.string().nullable(),
    phone: z.string().nullable(),
    /** Set when the store stopped taking pickups. */
    closedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'AdminOutletView' })
export type AdminOutletView = z.infer<typeof AdminOutletView>

/** The merchant console's list of stores, oldest first. */
export const AdminOutletsResponse = z.strictObject({ outlets: z.array(AdminOutletView) })
export type AdminOutletsResponse = z.infer<typeof AdminOutletsResponse>
