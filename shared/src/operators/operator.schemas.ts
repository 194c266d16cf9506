import { z } from 'zod'
import { OperatorRole, Permission } from './roles'

/** A login name: 3–32 letters, digits, `_ . -`, or a mainland mobile number; kept lower-case. */
export const OperatorLogin = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_.-]{2,31}$/, { error: '登录名为 3–32 位字母、数字或 _ . -（也可用手机号）' })

/** At least 10 characters with a letter and a digit; checked when set, never at login. */
export const OperatorPassword = z
  .string()
  .min(10, { error: '密码至少 10 位' })
  .max(128, { error: '密码最多 128 位' })
  .refine((value) => /[A-Za-z]/.test(value) && /\d/.test(value), { error: '密码需同时包含字母和数字' })

export const OperatorLoginBody = z.strictObject({
  login: z.string().trim().toLowerCase().min(1, { error: '请输入登录名' }).max(64),
  password: z.string().min(1, { error: '请输入密码' }).max(128),
})
export type OperatorLoginBody = z.infer<typeof OperatorLoginBody>

export const OperatorView = z.strictObject({
  id: z.string(),
  login: z.string(),
  name: z.string(),
  role: OperatorRole,
  /** The store a store manager looks after; null for the other roles. */
  outletId: z.string().nullable(),
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
})
export type OperatorView = z.infer<typeof OperatorView>

export const OperatorSessionResponse = z.strictObject({
  token: z.string(),
  expiresAt: z.string(),
  operator: OperatorView,
  permissions: z.array(Permission),
})
export type OperatorSessionResponse = z.infer<typeof OperatorSessionResponse>

export const OperatorMeResponse = z.strictObject({ operator: OperatorView, permissions: z.array(Permission) })
export type OperatorMeResponse = z.infer<typeof OperatorMeResponse>

export const ChangePasswordBody = z
  .strictObject({ currentPassword: z.string().min(1).max(128), newPassword: OperatorPassword })
  .refine((body) => body.currentPassword !== body.newPassword, {
    error: '新密码不能与当前密码相同',
    path: ['newPassword'],
  })
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>

const OperatorName = z.string().trim().min(1, { error: '请填写姓名' }).max(32, { error: '姓名最多 32 个字' })

/** A new operator gets a one-time password, shown once, to change at first login. */
export const CreateOperatorBody = z
  .strictObject({
    login: OperatorLogin,
    name: OperatorName,
    role: OperatorRole,
    outletId: z.string().trim().min(1).max(64).nullable().default(null),
  })
  .refine((body) => (body.role === 'store_manager') === (body.outletId !== null), {
    error: '店长需要选择门店，其他角色不选门店',
    path: ['outletId'],
  })
export type CreateOperatorBody = z.input<typeof CreateOperatorBody>

export const CreatedOperatorResponse = z.strictObject({ operator: OperatorView, oneTimePassword: z.string() })
export type CreatedOperatorResponse = z.infer<typeof CreatedOperatorResponse>

/** Disable or re-enable an account, change its role, or issue a new one-time password. */
export const UpdateOperatorBody = z
  .strictObject({
    name: OperatorName.optional(),
    role: OperatorRole.optional(),
    outletId: z.string().trim().min(1).max(64).nullable().optional(),
    disabled: z.boolean().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { error: '没有要修改的内容' })
export type UpdateOperatorBody = z.infer<typeof UpdateOperatorBody>

export const OperatorList = z.strictObject({ operators: z.array(OperatorView) })
export type OperatorList = z.infer<typeof OperatorList>

export const ApiKeyView = z.strictObject({
  id: z.string(),
  name: z.string(),
  /** The first characters of the key, enough to recognise it in a script. */
  prefix: z.string(),
  permissions: z.array(Permission),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
})
export type ApiKeyView = z.infer<typeof ApiKeyView>

export const CreateApiKeyBody = z.strictObject({
  name: z.string().trim().min(1, { error: '请填写用途' }).max(48),
  permissions: z.array(Permission).min(1, { error: '至少选择一项权限' }),
})
export type CreateApiKeyBody = z.infer<typeof CreateApiKeyBody>

/** The key itself is in this answer only; the BFF keeps its hash. */
export const CreatedApiKeyResponse = z.strictObject({ apiKey: ApiKeyView, secret: z.string() })
export type CreatedApiKeyResponse = z.infer<typeof CreatedApiKeyResponse>

export const ApiKeyList = z.strictObject({ apiKeys: z.array(ApiKeyView) })
export type ApiKeyList = z.infer<typeof ApiKeyList>
