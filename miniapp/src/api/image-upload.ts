import Taro from '@tarojs/taro'
import { maxUploadBytes, uploadContentTypes, uploadFieldName } from '@mc/shared'
import { ApiError, networkErrorMessage } from './client'

/** What an upload answered: its status and its body parsed as JSON (undefined when empty or not JSON). */
export interface UploadAnswer {
  status: number
  body: unknown
}

/**
 * Why a picked image is not sent, in Chinese (`subject` names it: 头像, 图片), or null when it may be. The BFF reads
 * the type from the bytes and checks the size again; this only spares a pointless upload. An empty `type` (weapp
 * temp files) is not judged.
 */
export function imageFileProblem(file: { type: string; size: number }, subject: string): string | null {
  if (file.type !== '' && !(uploadContentTypes as readonly string[]).includes(file.type))
    return `${subject}仅支持 JPEG、PNG、WebP 格式`
  if (file.size > maxUploadBytes) return `${subject}不能超过 ${maxUploadBytes / 1024 / 1024} MB`
  return null
}

/** H5: posts a file from a file input as multipart form data under the upload field, with the caller's headers. */
export async function postImageFile(path: string, file: File, header: Record<string, string>): Promise<UploadAnswer> {
  const form = new FormData()
  form.append(uploadFieldName, file, file.name)
  try {
    const response = await fetch(`${API_BASE}${path}`, { method: 'POST', headers: header, body: form })
    return { status: response.status, body: parsed(await response.text()) }
  } catch {
    throw new ApiError(0, 'NETWORK', networkErrorMessage)
  }
}

/** weapp: uploads a temporary file (from chooseAvatar or chooseMedia) under the upload field. */
export async function postTempImage(path: string, filePath: string, header: Record<string, string>) {
  try {
    const answer = await Taro.uploadFile({ url: `${API_BASE}${path}`, filePath, name: uploadFieldName, header })
    return { status: answer.statusCode, body: parsed(answer.data) } satisfies UploadAnswer
  } catch {
    throw new ApiError(0, 'NETWORK', networkErrorMessage)
  }
}

function parsed(text: string): unknown {
  try {
    return text === '' ? undefined : JSON.parse(text)
  } catch {
    return undefined
  }
}
