import { z } from 'zod'
import { isBusinessDay } from '../calendar/business-day'
import { uploadIdFromUrl, uploadPath } from '../uploads/upload.schemas'

/** Gender as the member states it; 保密 (prefer not to say) is an answer too and counts as filled. */
export const genders = ['female', 'male', 'undisclosed'] as const
export type Gender = (typeof genders)[number]
export const genderLabels: Record<Gender, string> = { female: '女', male: '男', undisclosed: '保密' }

/**
 * The provincial-level divisions by their full names, exactly as WeChat's region picker names them, so a region
 * starts with a place that exists; the city below it is the member's own words.
 */
export const provinces = [
  '北京市',
  '天津市',
  '河北省',
  '山西省',
  '内蒙古自治区',
  '辽宁省',
  '吉林省',
  '黑龙江省',
  '上海市',
  '江苏省',
  '浙江省',
  '安徽省',
  '福建省',
  '江西省',
  '山东省',
  '河南省',
  '湖北省',
  '湖南省',
  '广东省',
  '广西壮族自治区',
  '海南省',
  '重庆市',
  '四川省',
  '贵州省',
  '云南省',
  '西藏自治区',
  '陕西省',
  '甘肃省',
  '青海省',
  '宁夏回族自治区',
  '新疆维吾尔自治区',
  '台湾省',
  '香港特别行政区',
  '澳门特别行政区',
] as const

/** The earliest birthday accepted; anything before is a typing slip, not a member. */
export const earliestBirthday = '1900-01-01'

/** A calendar day `YYYY-MM-DD` that exists (no 02-30); the BFF also refuses a day after today. */
export const Birthday = z
  .string()
  .refine((day) => isBusinessDay(day) && day >= earliestBirthday, { error: '请选择正确的生日' })

const regionPart = z
  .string()
  .trim()
  .min(1, { error: '请填写地区' })
  .max(20, { error: '地区名称最多 20 个字' })
  .refine((part) => !part.includes('/'), { error: '地区名称不能包含 /' })

/** Province (one of `provinces`), city and, when given, district: `['广东省', '深圳市', '南山区']`. */
export const Region = z
  .array(regionPart)
  .min(2, { error: '请选择省份并填写城市' })
  .max(3)
  .refine((parts) => (provinces as readonly string[]).includes(parts[0]), { error: '请选择省份' })
export type Region = z.infer<typeof Region>

/** An avatar is an uploaded image's site path (`/uploads/upl_…`); the BFF checks the upload exists. */
export const AvatarUrl = z.string().refine(
  (url) => {
    const id = uploadIdFromUrl(url)
    return id !== null && url === uploadPath(id)
  },
  { error: '头像须先上传' },
)

/**
 * PATCH /api/me/profile: only the fields sent change; `avatar: null` removes the avatar. The birthday is taken
 * only while none is set (then BIRTHDAY_LOCKED: changing it needs an operator).
 */
export const ProfilePatch = z
  .strictObject({
    nickname: z.string().trim().min(1, { error: '请填写昵称' }).max(32, { error: '昵称最多 32 个字' }).optional(),
    avatar: AvatarUrl.nullable().optional(),
    gender: z.enum(genders).optional(),
    birthday: Birthday.optional(),
    region: Region.optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, { error: '没有要修改的内容' })
export type ProfilePatch = z.infer<typeof ProfilePatch>

/** The fields the profile-completed task asks for; the avatar is welcome but optional. */
export const requiredProfileFields = ['nickname', 'gender', 'birthday', 'region'] as const
export type RequiredProfileField = (typeof requiredProfileFields)[number]
export const profileFieldLabels: Record<RequiredProfileField, string> = {
  nickname: '昵称',
  gender: '性别',
  birthday: '生日',
  region: '地区',
}

/** What the profile-completed task pays on each ledger under the live rules (0 when the merchant gives nothing). */
export const ProfileReward = z.strictObject({ growth: z.number().int(), points: z.number().int() })
export type ProfileReward = z.infer<typeof ProfileReward>

/** GET/PATCH /api/me/profile and the avatar upload: the member's own profile and the task's state. */
export const ProfileView = z
  .strictObject({
    nickname: z.string(),
    avatar: z.string().nullable(),
    gender: z.enum(genders).nullable(),
    birthday: z.string().nullable(),
    /** True once a birthday is set: from then on only an operator changes it. */
    birthdayLocked: z.boolean(),
    region: z.array(z.string()).nullable(),
    /** Required fields still empty, in `requiredProfileFields` order. */
    missing: z.array(z.enum(requiredProfileFields)),
    /** When the profile-completed reward was credited; null until then. */
    completedAt: z.string().nullable(),
    reward: ProfileReward,
    /** What this request credited (PATCH that completed the profile), else null. */
    rewarded: ProfileReward.nullable(),
  })
  .meta({ id: 'ProfileView' })
export type ProfileView = z.infer<typeof ProfileView>

/** The profile fields `missingProfileFields` looks at; null or blank means not filled. */
export interface ProfileFields {
  nickname: string | null
  gender: Gender | null
  birthday: string | null
  region: readonly string[] | null
}

/**
 * The required fields not yet filled, in a fixed order. A nickname of spaces or a region without a city is not
 * filled; an empty list means the profile is complete.
 */
export function missingProfileFields(profile: ProfileFields): RequiredProfileField[] {
  const filled: Record<RequiredProfileField, boolean> = {
    nickname: (profile.nickname ?? '').trim() !== '',
    gender: profile.gender !== null && (genders as readonly string[]).includes(profile.gender),
    birthday: profile.birthday !== null && isBusinessDay(profile.birthday),
    region: Region.safeParse(profile.region).success,
  }
  return requiredProfileFields.filter((field) => !filled[field])
}

/** PUT /api/admin/members/:memberId/birthday: an operator sets or corrects a birthday, with the reason; audited. */
export const AdminBirthdayBody = z.strictObject({
  birthday: Birthday,
  reason: z.string().trim().min(2, { error: '请填写修改原因' }).max(100),
})
export type AdminBirthdayBody = z.infer<typeof AdminBirthdayBody>

/** The answer to an operator's birthday change. */
export const AdminBirthdayView = z
  .strictObject({ memberId: z.string(), birthday: z.string(), previous: z.string().nullable() })
  .meta({ id: 'AdminBirthdayView' })
export type AdminBirthdayView = z.infer<typeof AdminBirthdayView>
