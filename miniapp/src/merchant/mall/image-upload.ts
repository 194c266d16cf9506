import Taro from '@tarojs/taro'
import { UploadView } from '@mc/shared'
import { ApiError, errorFromResponse } from '../../api/client'
import { imageFileProblem, postImageFile, postTempImage, type UploadAnswer } from '../../api/image-upload'
import { openConsoleLogin } from '../console-call'
import { clearOperatorSession, readOperatorSession } from '../operator-session'

const uploadsPath = '/api/admin/uploads'

/** H5: sends a file from a file input as multipart form data (`file`) with the operator's token. */
export async function uploadImageFile(file: File): Promise<UploadView> {
  const problem = imageFileProblem(file, '图片')
  if (problem) throw new ApiError(400, 'INVALID_REQUEST', problem)
  return uploadedFrom(await postImageFile(uploadsPath, file, authHeader()))
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
  const problem = imageFileProblem({ type: '', size }, '图片')
  if (problem) throw new ApiError(400, 'INVALID_REQUEST', problem)
  return uploadedFrom(await postTempImage(uploadsPath, filePath, authHeader()))
}

function authHeader(): Record<string, string> {
  const token = readOperatorSession()?.token
  return token ? { Authorization: `Bearer ${token}`, Accept: 'application/json' } : { Accept: 'application/json' }
}

function uploadedFrom({ status, body }: UploadAnswer): UploadView {
  const image = UploadView.safeParse(body)
  if (status >= 200 && status < 300 && image.success) return image.data
  // The same as consoleCall: an ended session sends the operator back to the console login.
  if (status === 401 && readOperatorSession() !== null) {
    clearOperatorSession()
    openConsoleLogin()
  }
  throw errorFromResponse({ status, body })
}
