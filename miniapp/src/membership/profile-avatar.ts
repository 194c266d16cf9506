import { ProfileView } from '@mc/shared'
import { ApiError, errorFromResponse, failureOf } from '../api/client'
import { imageFileProblem, postImageFile, postTempImage, type UploadAnswer } from '../api/image-upload'
import { expireSession, readSession } from '../api/session'

const avatarPath = '/api/me/profile/avatar'

/** Why a picked avatar is not sent, in Chinese, or null when it may be. */
export const avatarFileProblem = (file: { type: string; size: number }) => imageFileProblem(file, '头像')

/** H5: sends the file from the page's file input; the answer is the profile with the new avatar. */
export async function uploadAvatarFile(file: File): Promise<ProfileView> {
  const problem = avatarFileProblem(file)
  if (problem) throw new ApiError(400, 'INVALID_REQUEST', problem)
  return profileFrom(await postImageFile(avatarPath, file, authHeader()))
}

/** weapp: uploads the temporary file `chooseAvatar` handed over (WeChat has already let the member crop it). */
export async function uploadAvatarPath(filePath: string): Promise<ProfileView> {
  return profileFrom(await postTempImage(avatarPath, filePath, authHeader()))
}

function authHeader(): Record<string, string> {
  const token = readSession()?.token
  return token ? { Authorization: `Bearer ${token}`, Accept: 'application/json' } : { Accept: 'application/json' }
}

function profileFrom({ status, body }: UploadAnswer): ProfileView {
  const profile = ProfileView.safeParse(body)
  if (status >= 200 && status < 300 && profile.success) return profile.data
  const error = errorFromResponse({ status, body })
  // As for every member call: a rejected token ends the session and the pages route back to login.
  if (status === 401) expireSession(failureOf(error))
  throw error
}
