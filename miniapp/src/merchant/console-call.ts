import Taro from '@tarojs/taro'
import type { ClientResponse } from 'hono/client'
import { ApiError, call, type Api, type OkBody, type RequestOptions } from '../api/client'
import { routes } from '../routes'
import { clearOperatorSession, readOperatorSession, saveOperatorSession } from './operator-session'

/**
 * One console request: the typed `call()` of api/client.ts with the operator's token (never the member's), resolving
 * to the 2xx body typed by the route: `await consoleCall((api) => api.admin.outlets.$get())`. Failures are thrown as
 * ApiError. A 401 ends the console session and opens the merchant login; PASSWORD_CHANGE_REQUIRED marks the session
 * so the login page asks for the new password first.
 */
// biome-ignore lint/suspicious/noExplicitAny: any response of any route; OkBody picks out the 2xx ones.
export async function consoleCall<R extends ClientResponse<any, number, any>>(
  send: (api: Api) => Promise<R>,
  options: Omit<RequestOptions, 'token'> = {},
): Promise<OkBody<R>> {
  try {
    return await call(send, { ...options, token: readOperatorSession()?.token ?? null })
  } catch (error) {
    if (error instanceof ApiError) consoleRejected(error)
    throw error
  }
}

function consoleRejected(error: ApiError): void {
  if (error.status === 401 && error.code !== 'OPERATOR_LOGIN_FAILED' && readOperatorSession() !== null) {
    clearOperatorSession()
    openConsoleLogin()
  } else if (error.code === 'PASSWORD_CHANGE_REQUIRED') {
    const session = readOperatorSession()
    if (session && !session.operator.mustChangePassword)
      saveOperatorSession({ ...session, operator: { ...session.operator, mustChangePassword: true } })
    openConsoleLogin()
  }
}

let loginOpenedAtMs = 0

/**
 * Replaces the current page with the merchant login, unless it is already on screen or on its way (a 401 and the
 * shell's guard both ask for it at once).
 */
export function openConsoleLogin(): void {
  const pages = Taro.getCurrentPages?.() ?? []
  const current = pages[pages.length - 1]?.route ?? ''
  if (`/${current.replace(/^\//, '')}`.startsWith(routes.merchantLogin)) return
  const nowMs = Date.now()
  if (nowMs - loginOpenedAtMs < 1000) return
  loginOpenedAtMs = nowMs
  void Taro.redirectTo({ url: routes.merchantLogin }).catch(() => Taro.reLaunch({ url: routes.merchantLogin }))
}
