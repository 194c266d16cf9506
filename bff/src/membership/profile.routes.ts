import { AppError, maxUploadBytes, ProfilePatch, ProfileView, uploadFieldName } from '@mc/shared'
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { requireMember } from '../auth/require-member'
import type { AppEnv } from '../deps'
import { validate } from '../http/validate'
import { documentRoute } from '../openapi/document-route'
import { storeUpload } from '../uploads/store-upload'
import { updateProfile } from './profile-update'
import { getProfile, joinedMemberRow } from './profile-view'

/** The member's avatar upload takes an image body above the API's 64 KB limit; `app.ts` leaves it to this route. */
export const avatarUploadPath = '/api/me/profile/avatar'

/** A 2 MB image and the multipart framing around it, as for the console's uploads. */
const avatarBodyLimit = bodyLimit({
  maxSize: maxUploadBytes + 16 * 1024,
  onError: () => {
    throw new AppError('UPLOAD_TOO_LARGE', { maxBytes: maxUploadBytes })
  },
})

const profileErrors = ['MEMBER_NOT_JOINED', 'MEMBER_NOT_FOUND'] as const

/** The member's own profile: nickname, avatar, gender, birthday (once), region, and the profile-completed task. */
export const memberProfileRoutes = new Hono<AppEnv>()
  .get(
    '/me/profile',
    documentRoute({
      summary: 'My profile, the required fields still missing and the reward for completing it',
      auth: 'member',
      ok: { 200: { description: 'The profile', schema: ProfileView } },
      errors: profileErrors,
    }),
    requireMember,
    async (c) => c.json(await getProfile(c.var.deps.db, c.var.memberId), 200),
  )
  .patch(
    '/me/profile',
    documentRoute({
      summary: 'Change profile fields; the birthday only while none is set; completing it credits the task once',
      description:
        'Only the fields sent change. A birthday already set answers BIRTHDAY_LOCKED (an operator changes it); ' +
        'the same day again is accepted. Once nickname, gender, birthday and region are all filled, the rules’ ' +
        '`profileCompleted` growth and points are credited once per member; `rewarded` says what this request ' +
        'credited.',
      auth: 'member',
      ok: { 200: { description: 'The profile after the change', schema: ProfileView } },
      errors: [...profileErrors, 'BIRTHDAY_LOCKED'],
    }),
    requireMember,
    validate('json', ProfilePatch),
    async (c) => c.json(await updateProfile(c.var.deps, c.var.memberId, c.req.valid('json')), 200),
  )
  .post(
    '/me/profile/avatar',
    documentRoute({
      summary: 'Upload my avatar (JPEG, PNG or WebP, at most 2 MB) as multipart field `file`; it becomes my avatar',
      description:
        'The same checks as the console’s image uploads: the format and dimensions are read from the bytes, ' +
        'never from the name or declared type. On weapp the file is the one `chooseAvatar` gave.',
      auth: 'member',
      ok: { 200: { description: 'The profile with the new avatar', schema: ProfileView } },
      errors: [
        ...profileErrors,
        'UPLOAD_FILE_REQUIRED',
        'UPLOAD_NOT_IMAGE',
        'UPLOAD_TOO_LARGE',
        'UPLOAD_DIMENSIONS_INVALID',
      ],
    }),
    requireMember,
    avatarBodyLimit,
    async (c) => {
      const { deps, memberId } = c.var
      // Joined first: a shopper who only logged in stores nothing.
      await joinedMemberRow(deps.db, memberId)
      let form: Record<string, unknown>
      try {
        form = await c.req.parseBody()
      } catch {
        throw new AppError('UPLOAD_FILE_REQUIRED', { reason: 'the body is not multipart/form-data' })
      }
      const file = form[uploadFieldName]
      if (!(file instanceof File)) throw new AppError('UPLOAD_FILE_REQUIRED', { field: uploadFieldName })
      const bytes = new Uint8Array(await file.arrayBuffer())
      const upload = await storeUpload(deps, `member:${memberId}`, { name: file.name, bytes })
      return c.json(await updateProfile(deps, memberId, { avatar: upload.url }), 200)
    },
  )
