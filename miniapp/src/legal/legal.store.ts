import { create } from 'zustand'
import type { LegalDocumentKind, LegalDocumentView } from '@mc/shared'
import { attempt } from '../api/attempt'
import { call, type ApiFailure } from '../api/client'

/** The 用户协议 and 隐私政策 as last fetched (public, the same for everyone), and the request state of each. */
export interface LegalState {
  documents: Partial<Record<LegalDocumentKind, LegalDocumentView>>
  loading: LegalDocumentKind | null
  error: ApiFailure | null
}

interface LegalStore extends LegalState {
  documentRequested(kind: LegalDocumentKind): void
  documentLoaded(document: LegalDocumentView): void
  documentFailed(failure: ApiFailure): void
  /** GET /api/legal/:kind; resolves to null on failure, which is then in `error`. */
  loadDocument(kind: LegalDocumentKind): Promise<LegalDocumentView | null>
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
}))
