import Taro from '@tarojs/taro'
import { outletQrPath } from '@mc/shared'
import { ApiError, errorFromResponse, networkErrorMessage } from '../../api/client'
import { openConsoleLogin } from '../console-call'
import { clearOperatorSession, readOperatorSession } from '../operator-session'

/**
 * A store's join QR as the console shows, downloads and prints it. The PNG needs the operator's token, so it
 * cannot be an <img src> on the BFF: H5 fetches it into an object URL, weapp downloads it to a temp file.
 */
export async function loadOutletQr(outletId: string): Promise<string> {
  const url = `${API_BASE}${outletQrPath(outletId)}`
  const header = authHeader()
  if (process.env.TARO_ENV === 'weapp') {
    let answer: Taro.downloadFile.FileSuccessCallbackResult
    try {
      answer = await Taro.downloadFile({ url, header })
    } catch {
      throw new ApiError(0, 'NETWORK', networkErrorMessage)
    }
    if (answer.statusCode !== 200) throw failed(answer.statusCode, undefined)
    return answer.tempFilePath
  }
  let response: Response
  try {
    response = await fetch(url, { headers: header })
  } catch {
    throw new ApiError(0, 'NETWORK', networkErrorMessage)
  }
  if (!response.ok) throw failed(response.status, await response.json().catch(() => undefined))
  return URL.createObjectURL(await response.blob())
}

/** Saves the loaded QR: a PNG download named after the store on H5, the photo album on weapp. */
export async function saveOutletQr(src: string, outletName: string): Promise<void> {
  if (process.env.TARO_ENV === 'weapp') {
    await Taro.saveImageToPhotosAlbum({ filePath: src })
    return
  }
  const link = document.createElement('a')
  link.href = src
  link.download = qrFileName(outletName)
  document.body.appendChild(link)
  link.click()
  link.remove()
}

/** "南京西路店-入会二维码.png", with characters file systems refuse replaced. */
export function qrFileName(outletName: string): string {
  const safe = outletName.replace(/[\\/:*?"<>|\s]+/g, '_').replace(/^_+|_+$/g, '') || '门店'
  return `${safe}-入会二维码.png`
}

function authHeader(): Record<string, string> {
  const token = readOperatorSession()?.token
  return token ? { Authorization: `Bearer ${token}` } : {}
}

function failed(status: number, body: unknown): ApiError {
  if (status === 401 && readOperatorSession() !== null) {
    clearOperatorSession()
    openConsoleLogin()
  }
  return errorFromResponse({ status, body })
}
