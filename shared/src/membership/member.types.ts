/** The member as the shopper sees themselves; the phone is masked (138****0000) and never sent whole. */
export interface MemberProfile {
  id: string
  nickname: string
  phoneMasked: string | null
  /** ISO timestamp of joining; null for a member on file (imported) who has not joined in the app yet. */
  joinedAt: string | null
  sourceOutlet: { id: string; name: string } | null
}

/** Answer to a login: the BFF's own session token, never anything WeChat issued. */
export interface LoginResponse {
  token: string
  expiresAt: string
  /**
   * Null for a shopper not on file yet: the token is a visitor's until they join, and joining creates the member.
   * A member on file who has not joined (imported, say) comes with `joinedAt: null`.
   */
  member: MemberProfile | null
}

export interface JoinResponse {
  member: MemberProfile
  /** False when the shopper had already joined; joining twice changes nothing. */
  joinedNow: boolean
}

export interface HealthResponse {
  status: 'ok'
  version: string
  database: 'sqlite' | 'postgres'
}
