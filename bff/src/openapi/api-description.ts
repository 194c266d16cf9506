import {
  AdjustmentBody, CreateDraftBody, HistoryQuery, IdempotencyHeader, JoinBody, LocalLoginBody, OrderEvent, PublishBody, WechatLoginBody,
  MakeUpBody, SignInCalendarQuery,
} from '@mc/shared'
import {
  BenefitKeyParam, CouponCodeParam, CouponsQuery, CouponUseBody, InboxQuery, NotificationIdParam,
} from '@mc/shared'
import {
  CreateOutletBody, CreateStaffBody, StaffLoginBody, StaffPurchaseBody, VerifyMemberCodeBody,
} from '@mc/shared'
import { z, type ZodType } from 'zod'
import { mallOperations } from './mall-operations'

/** One operation of the API: the same zod schemas that validate requests describe them here. */
export interface Operation {
  method: 'get' | 'post' | 'patch'
  path: string
  summary: string
  auth: 'none' | 'member' | 'admin' | 'staff' | 'webhook-signature' | 'wechatpay-signature'
  params?: ZodType
  query?: ZodType
  headers?: ZodType
  body?: ZodType
  responses: Record<number, string>
}

const memberId = z.object({ memberId: z.string().min(1).max(64) })
const draftId = z.object({ draftId: z.string().min(1).max(64) })
const version = z.object({ version: z.number().int().min(1) })

export const operations: Operation[] = [
  { method: 'get', path: '/api/health', summary: 'Version and database kind', auth: 'none', responses: { 200: 'HealthResponse' } },
  { method: 'post', path: '/api/auth/local', summary: 'Log in with a phone number (development and H5 demo only)', auth: 'none', body: LocalLoginBody, responses: { 200: 'LoginResponse', 400: 'INVALID_REQUEST', 403: 'LOCAL_LOGIN_DISABLED' } },
  { method: 'post', path: '/api/auth/wechat', summary: 'Log in with a wx.login code (exchanged once through jscode2session)', auth: 'none', body: WechatLoginBody, responses: { 200: 'LoginResponse', 401: 'WECHAT_CODE_INVALID', 502: 'WECHAT_UNAVAILABLE' } },
  { method: 'post', path: '/api/auth/logout', summary: 'End this session', auth: 'member', responses: { 200: '{ loggedOut: true }', 401: 'UNAUTHENTICATED' } },
  { method: 'post', path: '/api/members/join', summary: 'Join as a member, optionally from a store QR code', auth: 'member', body: JoinBody, responses: { 200: 'JoinResponse', 400: 'INVALID_REQUEST | OUTLET_SCENE_INVALID', 404: 'OUTLET_NOT_FOUND' } },
  { method: 'get', path: '/api/me', summary: 'Tier, progress to the next tier, retain condition and points', auth: 'member', responses: { 200: 'MeResponse', 403: 'MEMBER_NOT_JOINED' } },
  { method: 'get', path: '/api/me/growth', summary: 'Growth history, newest first, by cursor', auth: 'member', query: HistoryQuery, responses: { 200: 'HistoryPage' } },
  { method: 'get', path: '/api/me/points', summary: 'Points history, newest first, by cursor', auth: 'member', query: HistoryQuery, responses: { 200: 'HistoryPage' } },
  { method: 'get', path: '/api/me/points/expiring', summary: 'Points that will lapse, soonest first', auth: 'member', responses: { 200: 'ExpiringPoints' } },
  { method: 'get', path: '/api/me/member-code', summary: 'The rotating member code (18 digits: 9, card number, 8-digit TOTP) for the QR code and barcode; fetch again at expiresAt', auth: 'member', responses: { 200: '{ code, step, expiresAt, periodSeconds: 30 }', 403: 'MEMBER_NOT_JOINED' } },
  { method: 'get', path: '/api/me/benefits', summary: 'Every benefit in the library: unlocked with this period\'s claim state, locked with the tier that unlocks it', auth: 'member', responses: { 200: 'MemberBenefitsResponse', 403: 'MEMBER_NOT_JOINED' } },
  { method: 'post', path: '/api/me/benefits/{key}/claim', summary: 'Claim a benefit\'s coupons, once per member, benefit and period', auth: 'member', params: BenefitKeyParam, responses: { 201: 'ClaimResponse', 403: 'BENEFIT_LOCKED | MEMBER_NOT_JOINED', 404: 'BENEFIT_NOT_FOUND', 409: 'BENEFIT_ALREADY_CLAIMED | BENEFIT_NOT_CLAIMABLE | BIRTHDAY_UNKNOWN | NOT_BIRTHDAY_MONTH | BENEFIT_NOT_IN_SEASON' } },
  { method: 'get', path: '/api/me/coupons', summary: 'The member\'s coupons, newest first, optionally of one status', auth: 'member', query: CouponsQuery, responses: { 200: 'CouponsPage' } },
  { method: 'get', path: '/api/me/inbox', summary: 'Inbox, newest first, by cursor, with the unread count', auth: 'member', query: InboxQuery, responses: { 200: 'InboxPage' } },
  { method: 'post', path: '/api/me/inbox/{id}/read', summary: 'Mark one of the member\'s notifications read', auth: 'member', params: NotificationIdParam, responses: { 200: '{ notification }', 404: 'NOTIFICATION_NOT_FOUND' } },
  { method: 'get', path: '/api/shop/coupons/{code}', summary: 'A coupon with its owner, terms, status and whether it is usable (shop, signed)', auth: 'webhook-signature', params: CouponCodeParam, responses: { 200: '{ coupon }', 401: 'WEBHOOK_SIGNATURE_INVALID | WEBHOOK_TIMESTAMP_STALE', 404: 'COUPON_NOT_FOUND' } },
  { method: 'post', path: '/api/shop/coupons/{code}/use', summary: 'Use a coupon on an order, once (shop, signed)', auth: 'webhook-signature', params: CouponCodeParam, body: CouponUseBody, responses: { 200: 'CouponUseResponse', 400: 'INVALID_REQUEST', 401: 'WEBHOOK_SIGNATURE_INVALID | WEBHOOK_TIMESTAMP_STALE', 404: 'COUPON_NOT_FOUND', 409: 'COUPON_ALREADY_USED | COUPON_EXPIRED | COUPON_THRESHOLD_NOT_MET' } },
  { method: 'get', path: '/api/shop/members/{memberId}/pricing', summary: 'The member-price discount percent to apply for a member, 0 if none (shop, signed)', auth: 'webhook-signature', params: memberId, responses: { 200: 'MemberPricingResponse', 401: 'WEBHOOK_SIGNATURE_INVALID | WEBHOOK_TIMESTAMP_STALE', 404: 'MEMBER_NOT_FOUND' } },
  { method: 'post', path: '/api/sign-in', summary: 'Sign in for today (merchant business day); no body or {}; 409 when today is already signed', auth: 'member', responses: { 201: 'SignInResponse { businessDay, streak, cycleDay, rewards, bonus?, tierChange }', 400: 'INVALID_REQUEST', 403: 'MEMBER_NOT_JOINED', 409: 'ALREADY_SIGNED_IN' } },
  { method: 'get', path: '/api/sign-in/calendar', summary: 'Month calendar (default this month): day statuses, streak, today, next bonus, make-ups left', auth: 'member', query: SignInCalendarQuery, responses: { 200: 'SignInCalendarResponse', 400: 'INVALID_REQUEST', 403: 'MEMBER_NOT_JOINED' } },
  { method: 'post', path: '/api/sign-in/make-up', summary: 'Make up (补签) a missed day of this month for points, within the monthly limit', auth: 'member', body: MakeUpBody, responses: { 201: 'MakeUpResponse', 400: 'INVALID_REQUEST | MAKE_UP_DAY_NOT_PAST | MAKE_UP_DAY_NOT_THIS_MONTH | MAKE_UP_DAY_BEFORE_JOIN', 403: 'MEMBER_NOT_JOINED', 409: 'ALREADY_SIGNED_IN | MAKE_UP_LIMIT_REACHED | MAKE_UP_DISABLED | POINTS_INSUFFICIENT' } },
  { method: 'get', path: '/api/program/tiers', summary: 'The published tier ladder', auth: 'none', responses: { 200: '{ version, tiers: TierView[] }' } },
  { method: 'get', path: '/api/outlets/{outletId}', summary: 'A store by id (for the join page)', auth: 'none', params: z.object({ outletId: z.string().min(1).max(64) }), responses: { 200: '{ id, name }', 404: 'OUTLET_NOT_FOUND' } },
  { method: 'get', path: '/api/outlets/scene/{scene}', summary: 'The store a signed join-QR scene names (URL-encode the scene)', auth: 'none', params: z.object({ scene: z.string().min(1).max(128) }), responses: { 200: '{ id, name }', 400: 'OUTLET_SCENE_INVALID', 404: 'OUTLET_NOT_FOUND' } },
  { method: 'post', path: '/api/admin/members/{memberId}/adjustments', summary: 'Audited manual adjustment of growth or points', auth: 'admin', params: memberId, headers: IdempotencyHeader, body: AdjustmentBody, responses: { 201: 'Adjustment', 200: 'Replayed adjustment', 404: 'MEMBER_NOT_FOUND', 409: 'POINTS_INSUFFICIENT | GROWTH_INSUFFICIENT | IDEMPOTENCY_KEY_REUSED' } },
  { method: 'get', path: '/api/admin/members/{memberId}/ledger', summary: 'A member\'s full ledger', auth: 'admin', params: memberId, query: HistoryQuery.extend({ ledger: z.enum(['growth', 'points']) }), responses: { 200: 'HistoryPage', 404: 'MEMBER_NOT_FOUND' } },
  { method: 'get', path: '/api/admin/program/templates', summary: 'The five industry templates', auth: 'admin', responses: { 200: '{ templates: [{ key, name, rules }] }' } },
  { method: 'post', path: '/api/admin/program/drafts', summary: 'Start a draft from a template, a version, or the rules in force', auth: 'admin', body: CreateDraftBody, responses: { 201: 'DraftView', 404: 'VERSION_NOT_FOUND' } },
  { method: 'get', path: '/api/admin/program/drafts/{draftId}', summary: 'A draft with its field-level validation', auth: 'admin', params: draftId, responses: { 200: 'DraftView', 404: 'DRAFT_NOT_FOUND' } },
  { method: 'patch', path: '/api/admin/program/drafts/{draftId}', summary: 'Edit a draft with a JSON merge patch; unknown fields are refused', auth: 'admin', params: draftId, body: z.record(z.string(), z.unknown()), responses: { 200: 'DraftView', 400: 'INVALID_REQUEST', 409: 'DRAFT_NOT_OPEN' } },
  { method: 'post', path: '/api/admin/program/drafts/{draftId}/simulate', summary: 'Replay members under the draft: distributions, moves, cost, warnings', auth: 'admin', params: draftId, responses: { 200: 'SimulationResult', 422: 'DRAFT_INVALID' } },
  { method: 'post', path: '/api/admin/program/drafts/{draftId}/publish', summary: 'Publish a valid draft as a new version in one transaction', auth: 'admin', params: draftId, body: PublishBody, responses: { 201: 'PublishOutcome', 409: 'DEMOTION_CHOICE_REQUIRED | DRAFT_NOT_OPEN', 422: 'DRAFT_INVALID' } },
  { method: 'get', path: '/api/admin/program/versions', summary: 'Published versions: who, when, source and demotion choice', auth: 'admin', responses: { 200: '{ versions }' } },
  { method: 'post', path: '/api/admin/program/versions/{version}/rollback', summary: 'Publish an older version again as a new version', auth: 'admin', params: version, body: PublishBody, responses: { 201: 'PublishOutcome', 404: 'VERSION_NOT_FOUND', 409: 'DEMOTION_CHOICE_REQUIRED' } },
  { method: 'post', path: '/api/admin/outlets', summary: 'Open a store; answers its signed join-QR scene (at most 32 characters) and H5 join URL; audited', auth: 'admin', body: CreateOutletBody, responses: { 201: 'AdminOutletView { id, name, scene, joinUrl, createdAt }', 400: 'INVALID_REQUEST', 403: 'FORBIDDEN' } },
  { method: 'get', path: '/api/admin/outlets', summary: 'Stores with their join-QR scenes and H5 join URLs', auth: 'admin', responses: { 200: '{ outlets: AdminOutletView[] }', 403: 'FORBIDDEN' } },
  { method: 'post', path: '/api/admin/staff', summary: 'Create a staff account at one store (PIN stored as a scrypt hash); audited', auth: 'admin', body: CreateStaffBody, responses: { 201: 'StaffView', 400: 'INVALID_REQUEST', 403: 'FORBIDDEN', 404: 'OUTLET_NOT_FOUND', 409: 'STAFF_PHONE_TAKEN' } },
  { method: 'post', path: '/api/staff/login', summary: 'Staff sign in with phone and PIN; five failures in ten minutes lock the phone for the rest of the window', auth: 'none', body: StaffLoginBody, responses: { 200: 'StaffLoginResponse { token, expiresAt, staff }', 401: 'STAFF_LOGIN_FAILED', 429: 'STAFF_LOGIN_THROTTLED' } },
  { method: 'post', path: '/api/staff/logout', summary: 'End this staff session', auth: 'staff', responses: { 200: '{ loggedOut: true }', 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN' } },
  { method: 'post', path: '/api/staff/member-code/verify', summary: 'Scan a member code (current or previous 30 s step, each code once) and get the member card', auth: 'staff', body: VerifyMemberCodeBody, responses: { 200: 'MemberCodeVerification { member: MemberCard, purchaseAllowedUntil }', 401: 'UNAUTHENTICATED | SESSION_EXPIRED', 403: 'FORBIDDEN', 404: 'MEMBER_CODE_INVALID', 429: 'MEMBER_CODE_THROTTLED' } },
  { method: 'post', path: '/api/staff/purchases', summary: 'Record a till purchase (by code, or memberId of a code this staff just verified) through the order earning pipeline; idempotent by outlet and receipt number', auth: 'staff', body: StaffPurchaseBody, responses: { 201: 'StaffPurchaseOutcome', 200: 'Replayed outcome', 401: 'UNAUTHENTICATED | SESSION_EXPIRED', 403: 'FORBIDDEN | MEMBER_CODE_REQUIRED', 404: 'MEMBER_CODE_INVALID', 409: 'IDEMPOTENCY_KEY_REUSED', 429: 'MEMBER_CODE_THROTTLED' } },
  { method: 'post', path: '/webhooks/orders', summary: 'Order events from the shop (signed; idempotent by event id)', auth: 'webhook-signature', body: OrderEvent, responses: { 200: 'OrderEventOutcome', 202: 'Parked until the payment arrives', 400: 'INVALID_REQUEST', 401: 'WEBHOOK_SIGNATURE_INVALID | WEBHOOK_TIMESTAMP_STALE', 404: 'MEMBER_NOT_FOUND', 409: 'IDEMPOTENCY_KEY_REUSED' } },
  { method: 'get', path: '/api/openapi.json', summary: 'This document', auth: 'none', responses: { 200: 'OpenAPI 3.1' } },
  ...mallOperations,
]
