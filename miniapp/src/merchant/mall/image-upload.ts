import Taro from '@tarojs/taro'
import { ApiError, errorFromResponse, networkErrorMessage } from '../../api/client'
import { maxUploadBytes, uploadContentTypes, uploadFieldName, UploadView } from '@mc/shared'
import { openConsoleLogin } from '../console-call'
import { clearOperatorSession, readOperatorSession } from '../operator-session'

const uploadsPath = '/api/admin/uploads'

/**
 * Why a picked file is not sent, in Chinese, or null when it may be. The BFF checks the type by content and the
 * size again; this only spares the merchant a pointless upload. An empty `type` (weapp temp files) is not judged.
 */
export function imageFileProblem(file: { type: string; size: number }): string | null {
  if (file.type !== '' && !(uploadContentTypes as readonly string[]).includes(file.type))
    return '仅支持 JPEG、PNG、WebP 图片'
  if (file.size > maxUploadBytes) return `图片不能超过 ${maxUploadBytes / 1024 / 1024} MB`
  return null
}

/** H5: sends a file from a file input as multipart form data (`file`) with the operator's token. */
export async function uploadImageFile(file: File): Promise<UploadView> {
  const problem = imageFileProblem(file)
  if (problem) throw new ApiError(400, 'INVALID_REQUEST', problem)
  const form = new FormData()
  form.append(uploadFieldName, file, file.name)
  let status: number
  let text: string
  try {
    const response = await fetch(`${API_BASE}${uploadsPath}`, { method: 'POST', headers: authHeader(), body: form })
    status = response.status
    text = await response.text()
  } catch {
    throw new ApiError(0, 'NETWORK', networkErrorMessage)
  }
  return uploadedFrom(status, text)
}

/** weapp (and H5 without a file input): lets the merchant pick one photo and uploads it; null when cancelled. */
export async function chooseAndUploadImage(): Promise<UploadView | null> {
  let filePath: string
  let size: number
  try {
    const picked = await Taro.chooseMedia({ count: 1, mediaType: ['image'], sizeType: ['compressed'] })
    filePath = picked.tempFiles[0].tempFilePath
    size = picked.tempFiles[0].size
  } catch {
    return null
  }
  const problem = imageFileProblem({ type: '', size })
  if (problem) throw new ApiError(400, 'INVALID_REQUEST', problem)
  let answer: Taro.uploadFile.SuccessCallbackResult
  try {
    answer = await Taro.uploadFile({
      url: `${API_BASE}${uploadsPath}`,
      filePath,
      name: uploadFieldName,
      header: authHeader(),
    })
  } catch {
    throw new ApiError(0, 'NETWORK', networkErrorMessage)
  }
  return uploadedFrom(answer.statusCode, answer.data)
}

function authHeader(): Record<string, string> {
  const token = readOperatorSession()?.token
  return token ? { Authorization: `Bearer ${token}`, Accept: 'application/json' } : { Accept: 'application/json' }
}

function uploadedFrom(status: number, text: string): UploadView {
  let body: unknown
  try {
    body = text === '' ? undefined : JSON.parse(text)
  } catch {
    body = undefined
  }
  const image = UploadView.safeParse(body)
  if (status >= 200 && status < 300 && image.success) return image.data
  // The same as consoleCall: an ended session sends the operator back to the console login.
  if (status === 401 && readOperatorSession() !== null) {
    clearOperatorSession()
    openConsoleLogin()
  }
  throw errorFromResponse({ status, body })
}
