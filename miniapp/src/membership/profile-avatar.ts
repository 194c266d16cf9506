import Taro from '@tarojs/taro'
import { maxUploadBytes, ProfileView, uploadContentTypes, uploadFieldName } from '@mc/shared'
import { ApiError, errorFromResponse, failureOf, networkErrorMessage } from '../api/client'
import { expireSession, readSession } from '../api/session'

const avatarPath = '/api/me/profile/avatar'

/**
 * Why a picked avatar is not sent, in Chinese, or null when it may be. The BFF reads the type from the bytes and
 * checks the size again; this only spares a pointless upload. An empty `type` (weapp temp files) is not judged.
 */
export function avatarFileProblem(file: { type: string; size: number }): string | null {
  if (file.type !== '' && !(uploadContentTypes as readonly string[]).includes(file.type))
    return '头像仅支持 JPEG、PNG、WebP 图片'
  if (file.size > maxUploadBytes) return `头像不能超过 ${maxUploadBytes / 1024 / 1024} MB`
  return null
}

/** H5: sends the file from the page's file input; the answer is the profile with the new avatar. */
export async function uploadAvatarFile(file: File): Promise<ProfileView> {
  const problem = avatarFileProblem(file)
  if (problem) throw new ApiError(400, 'INVALID_REQUEST', problem)
  const form = new FormData()
  form.append(uploadFieldName, file, file.name)
  let status: number
  let text: string
  try {
    const response = await fetch(`${API_BASE}${avatarPath}`, { method: 'POST', headers: authHeader(), body: form })
    status = response.status
    text = await response.text()
  } catch {
    throw new ApiError(0, 'NETWORK', networkErrorMessage)
  }
  return profileFrom(status, text)
}

/** weapp: uploads the temporary file `chooseAvatar` handed over (WeChat has already let the member crop it). */
export async function uploadAvatarPath(filePath: string): Promise<ProfileView> {
  let answer: Taro.uploadFile.SuccessCallbackResult
  try {
    answer = await Taro.uploadFile({
      url: `${API_BASE}${avatarPath}`,
      filePath,
      name: uploadFieldName,
      header: authHeader(),
    })
  } catch {
    throw new ApiError(0, 'NETWORK', networkErrorMessage)
  }
  return profileFrom(answer.statusCode, answer.data)
}

function authHeader(): Record<string, string> {
  const token = readSession()?.token
  return token ? { Authorization: `Bearer ${token}`, Accept: 'application/json' } : { Accept: 'application/json' }
}

function profileFrom(status: number, text: string): ProfileView {
  let body: unknown
  try {
    body = text === '' ? undefined : JSON.parse(text)
  } catch {
    body = undefined
  }
  const profile = ProfileView.safeParse(body)
  if (status >= 200 && status < 300 && profile.success) return profile.data
  const error = errorFromResponse({ status, body })
  // As for every member call: a rejected token ends the session and the pages route back to login.
  if (status === 401) expireSession(failureOf(error))
  throw error
}
