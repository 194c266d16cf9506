import { z } from 'zod'

/** Mainland mobile numbers: 11 digits starting 13–19. */
export const PhoneNumber = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, { message: '请输入正确的 11 位手机号' })

/**
 * A phone number as people paste or type it ("139 1234 0009", "+86 139-1234-0009", "0086 13912340009") reduced to
 * the digits `PhoneNumber` checks: separators dropped, the country code 86 taken off an 11-digit mobile number.
 * Anything else is left for `PhoneNumber` to refuse, never guessed at.
 */
export function normalizePhoneNumber(input: string): string {
  const digits = input.replace(/\D/g, '')
  // Another country's number must not pass as a mainland one once its code is stripped: it keeps its '+'.
  if (/^\D*(?:\+|00)/.test(input) && !/^(?:0086|86)/.test(digits)) return `+${digits}`
  const national = /^(?:0086|86)(1\d{10})$/.exec(digits)
  return national?.[1] ?? digits
}

export const LocalLoginBody = z.strictObject({ phone: PhoneNumber })
export type LocalLoginBody = z.infer<typeof LocalLoginBody>

/** `code` comes from wx.login and is valid for one exchange only. */
export const WechatLoginBody = z.strictObject({ code: z.string().trim().min(1).max(128) })
export type WechatLoginBody = z.infer<typeof WechatLoginBody>

/** `code` comes from the getPhoneNumber button's event (微信手机号快捷登录): one exchange, within five minutes. */
export const WechatPhoneLoginBody = z.strictObject({ code: z.string().trim().min(1).max(128) })
export type WechatPhoneLoginBody = z.infer<typeof WechatPhoneLoginBody>

/**
 * Where the shopper joined from: `scene` is the signed scene of the store's join QR (checked by the BFF; a
 * forged one is 400 OUTLET_SCENE_INVALID), `outletId` names the store unsigned; neither when joining from the shop.
 */
export const JoinBody = z.strictObject({
  scene: z.string().trim().min(1).max(128).optional(),
  nickname: z.string().trim().min(1).max(32).optional(),
})
export type JoinBody = z.infer<typeof JoinBody>
