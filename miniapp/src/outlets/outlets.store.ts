import { create } from 'zustand'
import type { MemberProfile } from '@mc/shared'
import { attempt } from '../api/attempt'
import { call, type ApiFailure } from '../api/client'
import { onSessionChanged } from '../api/session'

/** GET /api/outlets/scene/:scene (public): the store a signed join QR scene names. */
export type OutletView = NonNullable<MemberProfile['sourceOutlet']>

/**
 * What the app knows about one scene: still asking, found, `missing` (the BFF answered OUTLET_NOT_FOUND or
 * OUTLET_SCENE_INVALID: the QR code names no store, or was forged) or `failed` (no answer, e.g. offline).
 */
export type OutletLookup =
  | { status: 'loading' }
  | { status: 'found'; outlet: OutletView }
  | { status: 'missing'; failure: ApiFailure }
  | { status: 'failed'; failure: ApiFailure }

/** Lookups by scene, as last fetched. */
export interface OutletsState {
  lookups: Record<string, OutletLookup>
}

interface OutletsEvents {
  outletRequested(outletId: string): void
  /** Keyed by the id asked for, whatever the answer echoes, so the page always finds its lookup. */
  outletLoaded(outletId: string, outlet: OutletView): void
  /** Also called by the join page when POST /api/members/join itself answers OUTLET_NOT_FOUND. */
  outletFailed(outletId: string, failure: ApiFailure): void
  /** Another member (or nobody) is logged in now; outlets are public, but every store starts afresh. */
  sessionChanged(): void
}

interface OutletsThunks {
  /** Resolves to null on failure; the failure is then in the outlet's lookup. */
  lookupOutlet(outletId: string): Promise<OutletView | null>
}

export type OutletsStore = OutletsState & OutletsEvents & OutletsThunks

export const initialOutletsState = (): OutletsState => ({ lookups: {} })

export const useOutletsStore = create<OutletsStore>()((set, get) => {
  const record = (outletId: string, lookup: OutletLookup) =>
    set((s) => ({ lookups: { ...s.lookups, [outletId]: lookup } }))

  return {
    ...initialOutletsState(),
    outletRequested: (outletId) => record(outletId, { status: 'loading' }),
    outletLoaded: (outletId, outlet) => record(outletId, { status: 'found', outlet }),
    outletFailed: (outletId, failure) =>
      record(
        outletId,
        failure.code === 'OUTLET_NOT_FOUND' || failure.code === 'OUTLET_SCENE_INVALID'
          ? { status: 'missing', failure }
          : { status: 'failed', failure },
      ),

    sessionChanged: () => set(initialOutletsState()),

    // A store's name is the same for every member, so an answer that lands after a login is still good to show.
    lookupOutlet: (outletId) =>
      attempt(() => call((api) => api.outlets.scene[':scene'].$get({ param: { scene: outletId } })), {
        memberBound: false,
        started: () => get().outletRequested(outletId),
        done: (outlet) => get().outletLoaded(outletId, outlet),
        failed: (failure) => get().outletFailed(outletId, failure),
      }),
  }
})

onSessionChanged(() => useOutletsStore.getState().sessionChanged())

export const outletsSelectors = {
  /** The lookup for `outletId`, or null when none was asked for (no QR code, or not asked yet). */
  lookup: (s: OutletsState, outletId: string | undefined): OutletLookup | null =>
    outletId === undefined ? null : (s.lookups[outletId] ?? null),
}
