import { create } from 'zustand'
import type { OperatorMeResponse, OperatorSessionResponse, OperatorView, Permission } from '@mc/shared'
import { ApiError, failureOf, type ApiFailure } from '../api/client'
import { consoleCall } from './console-call'
import {
  clearOperatorSession,
  onOperatorSessionChanged,
  readOperatorSession,
  saveOperatorSession,
} from './operator-session'

export type OperatorRequest = 'login' | 'password' | 'refresh' | 'logout'

/** A failed console request as the console shows it; a throttled login also says how long to wait. */
export interface ConsoleFailure extends ApiFailure {
  retryAfterSeconds?: number
  details?: Record<string, unknown>
}

/** Who is signed in to the merchant console and what they may do; the token itself stays in storage. */
export interface OperatorState {
  operator: OperatorView | null
  permissions: Permission[]
  pending: OperatorRequest | null
  error: ConsoleFailure | null
}

interface OperatorEvents {
  requestStarted(request: OperatorRequest): void
  requestFailed(failure: ConsoleFailure): void
  /** A login or a password change answered with a fresh session. */
  sessionStarted(response: OperatorSessionResponse): void
  /** GET /api/operator/me: the account as it is now (role or name may have changed). */
  operatorRefreshed(me: OperatorMeResponse): void
  operatorLoggedOut(): void
  errorDismissed(): void
}

interface OperatorThunks {
  login(login: string, password: string): Promise<OperatorSessionResponse | null>
  changePassword(currentPassword: string, newPassword: string): Promise<OperatorSessionResponse | null>
  refresh(): Promise<OperatorMeResponse | null>
  logout(): Promise<void>
}

export type OperatorStore = OperatorState & OperatorEvents & OperatorThunks

export const initialOperatorState = (): OperatorState => {
  const session = readOperatorSession()
  return { operator: session?.operator ?? null, permissions: session?.permissions ?? [], pending: null, error: null }
}

export const useOperatorStore = create<OperatorStore>()((set, get) => {
  const run = async <T>(request: OperatorRequest, send: () => Promise<T>, done: (result: T) => void) => {
    get().requestStarted(request)
    try {
      const result = await send()
      done(result)
      return result
    } catch (error) {
      get().requestFailed(consoleFailureOf(error))
      return null
    }
  }

  return {
    ...initialOperatorState(),
    requestStarted: (request) => set({ pending: request, error: null }),
    requestFailed: (failure) => set({ pending: null, error: failure }),
    sessionStarted: ({ token, expiresAt, operator, permissions }) => {
      // Saving notifies the listener below, which puts operator and permissions into the state.
      saveOperatorSession({ token, expiresAt, operator, permissions })
      set({ pending: null, error: null })
    },
    operatorRefreshed: ({ operator, permissions }) => {
      const session = readOperatorSession()
      if (session) saveOperatorSession({ ...session, operator, permissions })
      set({ pending: null, error: null })
    },
    operatorLoggedOut: () => {
      clearOperatorSession()
      set({ pending: null, error: null })
    },
    errorDismissed: () => set({ error: null }),

    login: (login, password) =>
      run(
        'login',
        () => consoleCall((api) => api.operator.login.$post({ json: { login, password } })),
        get().sessionStarted,
      ),
    changePassword: (currentPassword, newPassword) =>
      run(
        'password',
        () => consoleCall((api) => api.operator.password.$post({ json: { currentPassword, newPassword } })),
        get().sessionStarted,
      ),
    refresh: () => run('refresh', () => consoleCall((api) => api.operator.me.$get()), get().operatorRefreshed),
    logout: async () => {
      // Signing out ends the session here whatever the BFF answers; a token it no longer knows is gone anyway.
      await run(
        'logout',
        () => consoleCall((api) => api.operator.logout.$post()),
        () => undefined,
      )
      get().operatorLoggedOut()
    },
  }
})

// Storage is the one source of the session: a 401 anywhere (console-call) or a login clears or fills it, and the
// store follows, so every page's guard sees the change.
onOperatorSessionChanged((session) =>
  useOperatorStore.setState({ operator: session?.operator ?? null, permissions: session?.permissions ?? [] }),
)

/** The BFF's failure with what the console needs from its details: the wait after too many logins. */
export function consoleFailureOf(error: unknown): ConsoleFailure {
  const failure: ConsoleFailure = failureOf(error)
  if (!(error instanceof ApiError) || !error.details) return failure
  const wait = error.details.retryAfterSeconds
  return {
    ...failure,
    details: error.details,
    ...(typeof wait === 'number' ? { retryAfterSeconds: wait } : {}),
  }
}

/** "请 5 分钟后再试" for a throttled login's wait. */
export function retryAfterText(seconds: number): string {
  if (seconds < 60) return `请 ${seconds} 秒后再试`
  return `请 ${Math.ceil(seconds / 60)} 分钟后再试`
}

/** True when the signed-in operator holds `permission` (outside React: actions, guards). */
export function can(permission: Permission): boolean {
  return useOperatorStore.getState().permissions.includes(permission)
}

/** The signed-in operator, or null; re-renders when the account changes. */
export function useOperator(): OperatorView | null {
  return useOperatorStore((s) => s.operator)
}

/** Whether the signed-in operator holds `permission`; re-renders when the permissions change. */
export function useCan(permission: Permission): boolean {
  return useOperatorStore((s) => s.permissions.includes(permission))
}

export const operatorSelectors = {
  isLoggedIn: (s: OperatorState) => s.operator !== null,
  mustChangePassword: (s: OperatorState) => s.operator?.mustChangePassword === true,
  isLoading: (s: OperatorState, request: OperatorRequest) => s.pending === request,
}
