import { create } from 'zustand'
import type { MakeUpResponse, SignInCalendarResponse, SignInResponse } from '@mc/shared'
import { attempt } from '../api/attempt'
import { call, type ApiFailure } from '../api/client'
import { onSessionChanged } from '../api/session'

/** Which request is in flight, so the calendar, the big button and a make-up each show their own spinner. */
export type SignInRequest = 'calendar' | 'sign-in' | 'make-up'

/** The last fetched month calendar and the outcome of the last sign-in; the BFF stays the source of truth. */
export interface SignInState {
  calendar: SignInCalendarResponse | null
  pending: SignInRequest | null
  error: ApiFailure | null
  /** The answer to today's sign-in, for the reward toast. */
  lastSignIn: SignInResponse | null
  lastMakeUp: MakeUpResponse | null
}

interface SignInEvents {
  requestStarted(request: SignInRequest): void
  requestFailed(failure: ApiFailure): void
  calendarLoaded(calendar: SignInCalendarResponse): void
  signInCompleted(response: SignInResponse): void
  makeUpCompleted(response: MakeUpResponse): void
  /** Another member (or nobody) is logged in now. */
  sessionChanged(): void
}

/** Thunks resolve to null on failure; the failure is then in `error`. */
interface SignInThunks {
  loadCalendar(month?: string): Promise<SignInCalendarResponse | null>
  /** Signs in for today and then refetches the calendar so streak and next bonus stay the server's. */
  signIn(): Promise<SignInResponse | null>
  makeUp(day: string): Promise<MakeUpResponse | null>
}

export type SignInStore = SignInState & SignInEvents & SignInThunks

export const initialSignInState = (): SignInState => ({
  calendar: null,
  pending: null,
  error: null,
  lastSignIn: null,
  lastMakeUp: null,
})

export const useSignInStore = create<SignInStore>()((set, get) => {
  const steps = <T>(request: SignInRequest, done: (result: T) => void) => ({
    started: () => get().requestStarted(request),
    done,
    failed: get().requestFailed,
  })
  const refreshMonth = () => get().loadCalendar(get().calendar?.month)

  return {
    ...initialSignInState(),
    requestStarted: (request) => set({ pending: request, error: null }),
    requestFailed: (failure) => set({ pending: null, error: failure }),
    calendarLoaded: (calendar) => set({ calendar, pending: null, error: null }),
    signInCompleted: (response) => set({ lastSignIn: response, pending: null, error: null }),
    makeUpCompleted: (response) => set({ lastMakeUp: response, pending: null, error: null }),
    sessionChanged: () => set(initialSignInState()),

    loadCalendar: (month) =>
      attempt(
        () => call((api) => api['sign-in'].calendar.$get({ query: month ? { month } : {} })),
        steps('calendar', get().calendarLoaded),
      ),
    signIn: async () => {
      const response = await attempt(
        () => call((api) => api['sign-in'].$post({ json: {} })),
        steps('sign-in', get().signInCompleted),
      )
      // ALREADY_SIGNED_IN means the calendar on screen is stale (signed on another device): refetch it too.
      if (response || get().error?.code === 'ALREADY_SIGNED_IN') {
        const error = get().error
        await refreshMonth()
        if (error) set({ error })
      }
      return response
    },
    makeUp: async (day) => {
      const response = await attempt(
        () => call((api) => api['sign-in']['make-up'].$post({ json: { day } })),
        steps('make-up', get().makeUpCompleted),
      )
      if (response) await refreshMonth()
      return response
    },
  }
})

onSessionChanged(() => useSignInStore.getState().sessionChanged())

/** Single-field reads for components. */
export const signInSelectors = {
  signedToday: (s: SignInState) => s.calendar?.today.signed ?? false,
  streak: (s: SignInState) => s.calendar?.streak ?? 0,
  makeUpsLeft: (s: SignInState) => s.calendar?.makeUp?.left ?? 0,
  isLoading: (s: SignInState, request: SignInRequest) => s.pending === request,
}
