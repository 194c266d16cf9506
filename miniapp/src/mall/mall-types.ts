import type {
  MallItemView,
  PaymentParams,
  RedeemBody,
  RedeemResponse,
  RedemptionsPage,
  RedemptionView,
} from '@mc/shared'
import type { ApiFailure } from '../api/failure'

// The mall store's shape, apart from its code: the slices and the store import these types, and this file
// imports nothing of them, so no slice depends on the store that is made of it.

/** The items on sale as last fetched, as a list and by id; availability is computed by the BFF for this member. */
export interface CatalogState {
  items: MallItemView[]
  /** True once the list has arrived, so an empty `items` means "nothing on sale". */
  itemsLoaded: boolean
  itemsPending: boolean
  itemsError: ApiFailure | null
  /** Items by id, from the list and from detail fetches; the detail and checkout pages read these. */
  itemsById: Record<string, MallItemView>
  /** Id of the item being fetched, and the last detail fetch's failure. */
  itemPending: string | null
  itemError: ApiFailure | null
}

export interface CatalogEvents {
  catalogRequested(): void
  catalogLoaded(items: MallItemView[]): void
  catalogFailed(failure: ApiFailure): void
  itemRequested(itemId: string): void
  itemLoaded(item: MallItemView): void
  itemFailed(failure: ApiFailure): void
}

/** Thunks resolve to false (or null) on failure; the failure is then in `itemsError` or `itemError`. */
export interface CatalogThunks {
  loadItems(): Promise<boolean>
  loadItem(itemId: string): Promise<MallItemView | null>
}

export type CatalogSlice = CatalogState & CatalogEvents & CatalogThunks

/** Why a page of redemptions is fetched: opening the list, scrolling on, or pulling down. */
export type FeedLoad = 'first' | 'more' | 'refresh'

/** "我的兑换" as far as the member has scrolled, newest first, and every redemption seen, by id. */
export interface RedemptionsState {
  redemptions: RedemptionView[]
  redemptionsCursor: string | null
  redemptionsLoaded: boolean
  redemptionsPending: FeedLoad | null
  redemptionsError: ApiFailure | null
  /** Bumped by every first load and refresh; a page fetched under an older one is dropped on arrival. */
  redemptionsGeneration: number
  redemptionsById: Record<string, RedemptionView>
  /** Id of the redemption being fetched, and the last detail fetch's failure. */
  redemptionPending: string | null
  redemptionError: ApiFailure | null
}

export interface RedemptionsEvents {
  redemptionsRequested(load: FeedLoad): void
  redemptionsPageLoaded(load: FeedLoad, page: RedemptionsPage, generation: number): void
  redemptionsFailed(failure: ApiFailure, generation: number): void
  redemptionRequested(redemptionId: string): void
  /** A fresh copy of one redemption from any endpoint; replaces it wherever it is shown. */
  redemptionLoaded(redemption: RedemptionView): void
  redemptionFailed(failure: ApiFailure): void
}

/** Thunks resolve to false (or null) on failure; the failure is then in `redemptionsError` or `redemptionError`. */
export interface RedemptionsThunks {
  openRedemptions(): Promise<boolean>
  /** Fetches the page after the last one shown; does nothing while a request runs or after the last page. */
  loadMoreRedemptions(): Promise<boolean>
  /** Fetches the first page again and replaces the list; on failure the old list stays on screen. */
  refreshRedemptions(): Promise<boolean>
  loadRedemption(redemptionId: string): Promise<RedemptionView | null>
}

export type RedemptionsSlice = RedemptionsState & RedemptionsEvents & RedemptionsThunks

/** A write in flight on the mall pages; one at a time, so each button shows its own spinner. */
export type MallAction = 'redeem' | 'payment' | 'cancel' | 'local-pay'

/** Redeeming, paying and cancelling, and the redemption polled until its payment notice lands. */
export interface CheckoutState {
  action: MallAction | null
  actionError: ApiFailure | null
  /** The redemption polled until its payment notice settles it; null when nothing is polled. */
  watching: string | null
}

export interface CheckoutEvents {
  actionStarted(action: MallAction): void
  actionFailed(failure: ApiFailure): void
  actionDone(): void
  redeemed(response: RedeemResponse): void
  watchStopped(): void
}

/** Thunks resolve to null on failure; the failure is then in `actionError`. */
export interface CheckoutThunks {
  /** Redeems with the Idempotency-Key saved for this exact body, so a retry after a lost answer posts once. */
  redeem(body: RedeemBody): Promise<RedeemResponse | null>
  cancelRedemption(redemptionId: string): Promise<RedemptionView | null>
  /** Fresh pay parameters for a redemption that still awaits payment. */
  requestPayment(redemptionId: string): Promise<{ redemption: RedemptionView; payment: PaymentParams } | null>
  /** The local provider's "confirm payment" (development and H5 demo). */
  confirmLocalPayment(redemptionId: string): Promise<RedemptionView | null>
  /**
   * Fetches the redemption now and then every `intervalMs` while it awaits payment, for up to `timeoutMs`,
   * until the payment notice has settled it or `watchStopped()` is called. Resolves to the last copy fetched.
   */
  watchRedemption(
    redemptionId: string,
    options?: { intervalMs?: number; timeoutMs?: number },
  ): Promise<RedemptionView | null>
}

export type CheckoutSlice = CheckoutState & CheckoutEvents & CheckoutThunks

/**
 * The points mall: the catalogue, the member's redemptions and the write in flight, as last fetched; the BFF
 * stays the source of truth.
 */
export type MallState = CatalogState & RedemptionsState & CheckoutState

export type MallStore = CatalogSlice &
  RedemptionsSlice &
  CheckoutSlice & {
    /** Another member (or nobody) is logged in now: nothing fetched before may be shown any more. */
    sessionChanged(): void
  }
