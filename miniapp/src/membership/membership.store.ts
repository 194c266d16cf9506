import Taro from '@tarojs/taro'
import { create } from 'zustand'
import { errorMessages, type JoinResponse, type LoginResponse, type MeResponse, type MemberProfile } from '@mc/shared'
import { attempt } from '../api/attempt'
import { ApiError, call, type ApiFailure } from '../api/client'
import {
  onSessionChanged,
  onSessionExpired,
  readSession,
  removeSession,
  saveSession,
  type Session,
} from '../api/session'
import { useLegalStore } from '../legal/legal.store'
import { progressSentence } from './tier-display'

/** A failure as the UI shows it: the stable `code` to branch on and the Chinese `message` to display. */
export type MembershipFailure = ApiFailure

/** Which request is in flight, so each screen can show its own spinner. */
export type MembershipRequest = 'login' | 'join' | 'me' | 'logout'

/** The BFF session, the last known profile and /api/me snapshot, and the request state. */
export interface MembershipState {
  session: Session | null
  /** Last known profile, from login, join or /api/me. */
  member: MemberProfile | null
  /** Last fetched GET /api/me; the BFF stays the source of truth. */
  me: MeResponse | null
  pending: MembershipRequest | null
  error: MembershipFailure | null
  /** The member logged out (or closed the account) themselves: login then starts afresh, not on the page they left. */
  leftByChoice: boolean
}

interface MembershipEvents {
  requestStarted(request: MembershipRequest): void
  requestFailed(failure: MembershipFailure): void
  loggedIn(response: LoginResponse): void
  joined(response: JoinResponse): void
  meLoaded(me: MeResponse): void
  /** The BFF refused the token; `failure` says why, for the login page. */
  sessionExpired(failure: MembershipFailure): void
  loggedOut(): void
  /** The stored session changed (login, logout, expiry): start again from what is stored now. */
  sessionChanged(): void
}

/** Thunks resolve to null on failure; the failure is then in `error`. */
interface MembershipThunks {
  loginWithPhone(phone: string): Promise<LoginResponse | null>
  loginWithWechat(): Promise<LoginResponse | null>
  /** 微信手机号快捷登录: the code of a getPhoneNumber button's event, exchanged by the BFF for the phone. */
  loginWithWechatPhone(code: string): Promise<LoginResponse | null>
  /** `scene` is the signed store QR scene, when the shopper came from one. */
  join(scene?: string): Promise<JoinResponse | null>
  loadMe(): Promise<MeResponse | null>
  logout(): Promise<void>
}

export type MembershipStore = MembershipState & MembershipEvents & MembershipThunks

export const initialMembershipState = (): MembershipState => ({
  session: readSession(),
  member: null,
  me: null,
  pending: null,
  error: null,
  leftByChoice: false,
})

export const useMembershipStore = create<MembershipStore>()((set, get) => {
  const steps = <T>(request: MembershipRequest, done: (result: T) => void) => ({
    started: () => get().requestStarted(request),
    done,
    failed: get().requestFailed,
  })

  return {
    ...initialMembershipState(),
    requestStarted: (request) => set({ pending: request, error: null }),
    requestFailed: (failure) => set({ pending: null, error: failure }),
    loggedIn: ({ token, expiresAt, member }) => {
      saveSession({ token, expiresAt })
      set({ session: { token, expiresAt }, member, me: null, pending: null, error: null, leftByChoice: false })
    },
    joined: ({ member }) => set({ member, pending: null, error: null }),
    meLoaded: (me) => set({ me, member: me.member, pending: null, error: null }),
    sessionExpired: (failure) => set({ session: null, member: null, me: null, pending: null, error: failure }),
    loggedOut: () => {
      removeSession()
      set({ session: null, member: null, me: null, pending: null, error: null, leftByChoice: true })
    },
    sessionChanged: () => set(initialMembershipState()),

    loginWithPhone: (phone) =>
      attempt(() => call((api) => api.auth.local.$post({ json: { phone } })), steps('login', get().loggedIn)),
    loginWithWechat: () => attempt(loginThroughWechat, steps('login', get().loggedIn)),
    loginWithWechatPhone: (code) =>
      attempt(() => call((api) => api.auth['wechat-phone'].$post({ json: { code } })), steps('login', get().loggedIn)),
    join: async (scene) => {
      const joined = await attempt(
        () => call((api) => api.members.join.$post({ json: scene ? { scene } : {} })),
        steps('join', get().joined),
      )
      // The agreements ticked at login are recorded now that there is a member to record them under.
      if (joined) await useLegalStore.getState().recordConsent()
      return joined
    },
    loadMe: () => attempt(() => call((api) => api.me.$get()), steps('me', get().meLoaded)),
    logout: async () => {
      // Forget the session locally even if the BFF cannot be reached; the token expires on its own.
      await attempt(
        () => call((api) => api.auth.logout.$post()),
        steps('logout', () => undefined),
      )
      get().loggedOut()
    },
  }
})

// The API client drops a rejected token; the store follows so the pages route back to login.
onSessionExpired((failure) => useMembershipStore.getState().sessionExpired(failure))
onSessionChanged(() => useMembershipStore.getState().sessionChanged())

async function loginThroughWechat() {
  let code: string
  try {
    code = (await Taro.login()).code
  } catch {
    throw new ApiError(0, 'WECHAT_UNAVAILABLE', errorMessages.WECHAT_UNAVAILABLE)
  }
  return call((api) => api.auth.wechat.$post({ json: { code } }))
}

/** Single-field reads for components, so each re-renders only when its own field changes. */
export const membershipSelectors = {
  isLoggedIn: (s: MembershipState) => s.session !== null,
  /** True once the BFF says the shopper has logged in but not yet joined. */
  needsJoin: (s: MembershipState) => s.error?.code === 'MEMBER_NOT_JOINED' || s.member?.joinedAt === null,
  tierName: (s: MembershipState) => s.me?.tier.name ?? null,
  /** The current tier's brand colour (#RRGGBB) as the program defines it. */
  tierColor: (s: MembershipState) => s.me?.tier.color ?? null,
  progressSentence: (s: MembershipState) => (s.me ? progressSentence(s.me) : null),
  isLoading: (s: MembershipState, request: MembershipRequest) => s.pending === request,
  errorCode: (s: MembershipState) => s.error?.code ?? null,
  errorMessage: (s: MembershipState) => s.error?.message ?? null,
}
