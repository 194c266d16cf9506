import { z } from 'zod'

/** Mainland mobile numbers: 11 digits starting 13–19. */
export const PhoneNumber = z.string().trim().regex(/^1[3-9]\d{9}$/, { message: '请输入正确的 11 位手机号' })

export const LocalLoginBody = z.strictObject({ phone: PhoneNumber })
export type LocalLoginBody = z.infer<typeof LocalLoginBody>

/** `code` comes from wx.login and is valid for one exchange only. */
export const WechatLoginBody = z.strictObject({ code: z.string().trim().min(1).max(128) })
export type WechatLoginBody = z.infer<typeof WechatLoginBody>

/** `outletId` is the store whose QR code the shopper scanned; absent when joining from the shop. */
export const JoinBody = z.strictObject({
  outletId: z.string().trim().min(1).max(64).optional(),
  nickname: z.string().trim().min(1).max(32).optional(),
})
export type JoinBody = z.infer<typeof JoinBody>
