import Taro from '@tarojs/taro'
import { ApiError, networkErrorMessage } from '../../api/client'
import { consoleFailure, operatorAuthHeader } from './insights-api'

/**
 * Downloads one report table as CSV. The export needs the operator's token, so it cannot be a plain link: H5
 * fetches it and saves the Blob under the server's file name; weapp downloads it to a temporary file and offers
 * it to a chat (where Excel or WPS can open it). Resolves to the file name saved.
 */
export async function downloadReportCsv(path: string, fallbackName: string): Promise<string> {
  const url = `${API_BASE}${path}`
  if (process.env.TARO_ENV === 'weapp') {
    let answer: Taro.downloadFile.FileSuccessCallbackResult
    try {
      answer = await Taro.downloadFile({ url, header: operatorAuthHeader() })
    } catch {
      throw new ApiError(0, 'NETWORK', networkErrorMessage)
    }
    if (answer.statusCode !== 200) throw consoleFailure(answer.statusCode, undefined)
    await Taro.shareFileMessage({ filePath: answer.tempFilePath, fileName: fallbackName })
    return fallbackName
  }
  let response: Response
  try {
    response = await fetch(url, { headers: operatorAuthHeader() })
  } catch {
    throw new ApiError(0, 'NETWORK', networkErrorMessage)
  }
  if (!response.ok) throw consoleFailure(response.status, await response.json().catch(() => undefined))
  const name = fileNameOf(response.headers.get('Content-Disposition')) ?? fallbackName
  const href = URL.createObjectURL(await response.blob())
  const link = document.createElement('a')
  link.href = href
  link.download = name
  document.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(href), 10_000)
  return name
}

/** The file name of a Content-Disposition header: the UTF-8 `filename*` when given, else the plain one. */
export function fileNameOf(header: string | null): string | null {
  if (!header) return null
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(header)
  if (encoded) {
    try {
      return decodeURIComponent(encoded[1].trim())
    } catch {
      // A malformed encoding falls back to the plain name below.
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(header)
  return plain ? plain[1].trim() : null
}
