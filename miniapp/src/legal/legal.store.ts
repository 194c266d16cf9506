import { create } from 'zustand'
import {
  legalDocumentKinds,
  type LegalAcceptance,
  type LegalAcceptanceStatus,
  type LegalDocumentKind,
  type LegalDocumentView,
} from '@mc/shared'
import { attempt } from '../api/attempt'
import { call, type ApiFailure } from '../api/client'
import { onSessionChanged } from '../api/session'

/** The 用户协议 and 隐私政策 as last fetched (public, the same for everyone), and the request state of each. */
export interface LegalState {
  documents: Partial<Record<LegalDocumentKind, LegalDocumentView>>
  loading: LegalDocumentKind | null
  error: ApiFailure | null
  /**
   * The versions the login page showed when the shopper ticked 同意 and logged in, until they are recorded: at
   * once for a member, after joining for a visitor (who has no member id to record them under before).
   */
  consentGiven: LegalAcceptance[] | null
  /** The documents in force this member still has to accept (GET /api/me/legal); null until asked. */
  acceptance: LegalAcceptanceStatus | null
}

interface LegalStore extends LegalState {
  documentRequested(kind: LegalDocumentKind): void
  documentLoaded(document: LegalDocumentView): void
  documentFailed(failure: ApiFailure): void
  /** GET /api/legal/:kind; resolves to null on failure, which is then in `error`. */
  loadDocument(kind: LegalDocumentKind): Promise<LegalDocumentView | null>
  /**
   * Both documents' versions in force, loading whichever is missing (or both, `fresh`); null when either cannot
   * be loaded.
   */
  versionsInForce(fresh?: boolean): Promise<LegalAcceptance[] | null>
  /** Keeps the versions shown at login (see `consentGiven`). */
  consented(documents: LegalAcceptance[] | null): void
  /** Records the consent given at login for the member now logged in; a failure leaves it to the prompt. */
  recordConsent(): Promise<void>
  /** GET /api/me/legal: what this member still has to accept. */
  loadAcceptance(): Promise<LegalAcceptanceStatus | null>
  /** POST /api/me/legal/acceptances; resolves to what is still pending, or null on failure (then in `error`). */
  accept(documents: LegalAcceptance[]): Promise<LegalAcceptanceStatus | null>
}

export const useLegalStore = create<LegalStore>()((set, get) => ({
  documents: {},
  loading: null,
  error: null,
  documentRequested: (kind) => set({ loading: kind, error: null }),
  documentLoaded: (document) =>
    set((s) => ({ documents: { ...s.documents, [document.kind]: document }, loading: null, error: null })),
  documentFailed: (failure) => set({ loading: null, error: failure }),
  loadDocument: (kind) =>
    attempt(() => call((api) => api.legal[':kind'].$get({ param: { kind } })), {
      memberBound: false,
      started: () => get().documentRequested(kind),
      done: get().documentLoaded,
      failed: get().documentFailed,
    }),
  consentGiven: null,
  acceptance: null,
  versionsInForce: async (fresh = false) => {
    const versions: LegalAcceptance[] = []
    for (const kind of legalDocumentKinds) {
      const document = (fresh ? null : get().documents[kind]) ?? (await get().loadDocument(kind))
      if (!document) return null
      versions.push({ kind, version: document.version })
    }
    return versions
  },
  consented: (documents) => set({ consentGiven: documents }),
  recordConsent: async () => {
    const documents = get().consentGiven
    if (!documents) return
    set({ consentGiven: null })
    await get().accept(documents)
  },
  loadAcceptance: () =>
    attempt(() => call((api) => api.me.legal.$get()), {
      started: () => set({ error: null }),
      done: (acceptance) => set({ acceptance }),
      failed: (failure) => set({ error: failure }),
    }),
  accept: (documents) =>
    attempt(() => call((api) => api.me.legal.acceptances.$post({ json: { documents } })), {
      started: () => set({ error: null }),
      done: (acceptance) => set({ acceptance }),
      failed: (failure) => set({ error: failure }),
    }),
}))

// What one member still has to accept is theirs only: another login starts from "not asked yet". The consent
// ticked at login is kept, since that login is what changes the session.
onSessionChanged(() => useLegalStore.setState({ acceptance: null }))
