import { errorMessages, isErrorBody, type ErrorCode } from '@mc/shared'

/** The BFF's stable codes plus `NETWORK` for requests that never got an answer. */
export type ApiErrorCode = ErrorCode | 'NETWORK'

export const networkErrorMessage = '网络异常，请检查网络后重试'

/** A failed call: HTTP `status` (0 without an answer), stable `code`, and a Chinese `message` fit for the shopper. */
export class ApiError extends Error {
  readonly status: number
  readonly code: ApiErrorCode
  readonly details?: Record<string, unknown>

  constructor(status: number, code: ApiErrorCode, message: string, details?: Record<string, unknown>) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.details = details
  }
}

/** A failure as the UI shows it: the stable `code` to branch on and the Chinese `message` to display. */
export interface ApiFailure {
  code: ApiErrorCode
  message: string
}

/** Any thrown value as an `ApiFailure`; anything that is not an `ApiError` reads as INTERNAL. */
export function failureOf(error: unknown): ApiFailure {
  if (error instanceof ApiError) return { code: error.code, message: error.message }
  return { code: 'INTERNAL', message: errorMessages.INTERNAL }
}

/** An answer that was not a 2xx with JSON: the BFF's error body when there is one, else a generic failure. */
export function errorFromResponse({ status, body }: { status: number; body: unknown }): ApiError {
  if (isErrorBody(body)) {
    const { code, message, details } = body.error
    return new ApiError(status, code, message || errorMessages[code] || errorMessages.INTERNAL, details)
  }
  const code: ErrorCode = status === 401 ? 'UNAUTHENTICATED' : 'INTERNAL'
  return new ApiError(status, code, errorMessages[code])
}
