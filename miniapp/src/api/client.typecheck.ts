// A type-level spec, checked by `pnpm --filter miniapp typecheck` and never run or bundled: it proves that the
// client's paths, parameters and answers come from the BFF's routes (AppType), so a change there fails here.
import type {
  ClaimResponse,
  CouponsPage,
  ExpiringPoints,
  HistoryPage,
  InboxPage,
  JoinResponse,
  LoginResponse,
  MakeUpResponse,
  MallItemView,
  MeResponse,
  ProfileView,
  MemberBenefitsResponse,
  MemberCodeResponse,
  MemberCodeVerification,
  NotificationView,
  PickupVerification,
  RedeemResponse,
  RedemptionsPage,
  RedemptionView,
  SignInCalendarResponse,
  SignInResponse,
  StaffLoginResponse,
  StaffPurchaseOutcome,
  TierView,
} from '@mc/shared'
import { call, type Api, type OkBody } from './client'

/** True only when A and B are the same type (each assignable to the other). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
type Expect<T extends true> = T
/** The 2xx body of one route of the client. */
type Answer<F extends (...args: never[]) => Promise<unknown>> = OkBody<Awaited<ReturnType<F>>>
type Redemption = Api['me']['redemptions'][':redemptionId']

/** Each answer is exactly the shared type the stores keep; a renamed or reshaped field on either side fails. */
export type AnswersAreTheSharedTypes = [
  Expect<Same<Answer<Api['me']['$get']>, MeResponse>>,
  Expect<Same<Answer<Api['auth']['local']['$post']>, LoginResponse>>,
  Expect<Same<Answer<Api['auth']['wechat']['$post']>, LoginResponse>>,
  Expect<Same<Answer<Api['members']['join']['$post']>, JoinResponse>>,
  Expect<Same<Answer<Api['me']['profile']['$get']>, ProfileView>>,
  Expect<Same<Answer<Api['me']['profile']['$patch']>, ProfileView>>,
  Expect<Same<Answer<Api['me']['benefits']['$get']>, MemberBenefitsResponse>>,
  Expect<Same<Answer<Api['me']['coupons']['$get']>, CouponsPage>>,
  Expect<Same<Answer<Api['me']['benefits'][':key']['claim']['$post']>, ClaimResponse>>,
  Expect<Same<Answer<Api['me']['inbox']['$get']>, InboxPage>>,
  Expect<Same<Answer<Api['me']['inbox'][':id']['read']['$post']>, { notification: NotificationView }>>,
  Expect<Same<Answer<Api['me']['member-code']['$get']>, MemberCodeResponse>>,
  Expect<Same<Answer<Api['me']['growth']['$get']>, HistoryPage>>,
  Expect<Same<Answer<Api['me']['points']['$get']>, HistoryPage>>,
  Expect<Same<Answer<Api['me']['points']['expiring']['$get']>, ExpiringPoints>>,
  Expect<Same<Answer<Api['program']['tiers']['$get']>, { version: number; tiers: TierView[] }>>,
  Expect<Same<Answer<Api['sign-in']['$post']>, SignInResponse>>,
  Expect<Same<Answer<Api['sign-in']['calendar']['$get']>, SignInCalendarResponse>>,
  Expect<Same<Answer<Api['sign-in']['make-up']['$post']>, MakeUpResponse>>,
  Expect<Same<Answer<Api['mall']['items']['$get']>, { items: MallItemView[] }>>,
  Expect<Same<Answer<Api['mall']['items'][':itemId']['$get']>, { item: MallItemView }>>,
  Expect<Same<Answer<Api['mall']['redemptions']['$post']>, RedeemResponse>>,
  Expect<Same<Answer<Api['me']['redemptions']['$get']>, RedemptionsPage>>,
  Expect<Same<Answer<Redemption['$get']>, { redemption: RedemptionView }>>,
  Expect<Same<Answer<Redemption['cancel']['$post']>, { redemption: RedemptionView }>>,
  Expect<Same<Answer<Redemption['local-pay']['$post']>, { redemption: RedemptionView }>>,
  Expect<Same<Answer<Api['staff']['login']['$post']>, StaffLoginResponse>>,
  Expect<Same<Answer<Api['staff']['member-code']['verify']['$post']>, MemberCodeVerification>>,
  Expect<Same<Answer<Api['staff']['purchases']['$post']>, StaffPurchaseOutcome>>,
  Expect<Same<Answer<Api['staff']['pickups']['verify']['$post']>, PickupVerification>>,
]

/** Never called: each line must fail to compile, or the `@ts-expect-error` above it fails instead. */
export async function requestsTheRoutesRefuse(): Promise<void> {
  // @ts-expect-error: there is no GET /api/me/nickname (the nickname is part of /api/me/profile).
  await call((api) => api.me.nickname.$get())
  // @ts-expect-error: the path parameter is `redemptionId`, not `id`.
  await call((api) => api.me.redemptions[':redemptionId'].$get({ param: { id: 'rdm_1' } }))
  // @ts-expect-error: local login takes `phone`.
  await call((api) => api.auth.local.$post({ json: { mobile: '13800000000' } }))
  // @ts-expect-error: redeeming needs the Idempotency-Key header.
  await call((api) => api.mall.redemptions.$post({ json: { itemId: 'itm_1' } }))
  // @ts-expect-error: the coupon list's `status` is one of available, used, expired.
  await call((api) => api.me.coupons.$get({ query: { status: 'lost' } }))
  // @ts-expect-error: the answer to GET /api/me has no `balance`.
  ;(await call((api) => api.me.$get())).balance
}
