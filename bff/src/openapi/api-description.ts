import {
  AdjustmentBody, HistoryQuery, IdempotencyHeader, JoinBody, LocalLoginBody, OrderEvent, WechatLoginBody,
} from '@mc/shared'
import { z, type ZodType } from 'zod'

/** One operation of the API: the same zod schemas that validate requests describe them here. */
export interface Operation {
  method: 'get' | 'post'
  path: string
  summary: string
  auth: 'none' | 'member' | 'admin' | 'webhook-signature'
  params?: ZodType
  query?: ZodType
  headers?: ZodType
  body?: ZodType
  responses: Record<number, string>
}

const memberId = z.object({ memberId: z.string().min(1).max(64) })

export const operations: Operation[] = [
  { method: 'get', path: '/api/health', summary: 'Version and database kind', auth: 'none', responses: { 200: 'HealthResponse' } },
  { method: 'post', path: '/api/auth/local', summary: 'Log in with a phone number (development and H5 demo only)', auth: 'none', body: LocalLoginBody, responses: { 200: 'LoginResponse', 400: 'INVALID_REQUEST', 403: 'LOCAL_LOGIN_DISABLED' } },
  { method: 'post', path: '/api/auth/wechat', summary: 'Log in with a wx.login code (exchanged once through jscode2session)', auth: 'none', body: WechatLoginBody, responses: { 200: 'LoginResponse', 401: 'WECHAT_CODE_INVALID', 502: 'WECHAT_UNAVAILABLE' } },
  { method: 'post', path: '/api/auth/logout', summary: 'End this session', auth: 'member', responses: { 200: '{ loggedOut: true }', 401: 'UNAUTHENTICATED' } },
  { method: 'post', path: '/api/members/join', summary: 'Join as a member, optionally from a store QR code', auth: 'member', body: JoinBody, responses: { 200: 'JoinResponse', 404: 'OUTLET_NOT_FOUND' } },
  { method: 'get', path: '/api/me', summary: 'Tier, progress to the next tier, retain condition and points', auth: 'member', responses: { 200: 'MeResponse', 403: 'MEMBER_NOT_JOINED' } },
  { method: 'get', path: '/api/me/growth', summary: 'Growth history, newest first, by cursor', auth: 'member', query: HistoryQuery, responses: { 200: 'HistoryPage' } },
  { method: 'get', path: '/api/me/points', summary: 'Points history, newest first, by cursor', auth: 'member', query: HistoryQuery, responses: { 200: 'HistoryPage' } },
  { method: 'get', path: '/api/me/points/expiring', summary: 'Points that will lapse, soonest first', auth: 'member', responses: { 200: 'ExpiringPoints' } },
  { method: 'get', path: '/api/program/tiers', summary: 'The published tier ladder', auth: 'none', responses: { 200: '{ version, tiers: TierView[] }' } },
  { method: 'get', path: '/api/outlets/{outletId}', summary: 'A store by id (for the join page)', auth: 'none', params: z.object({ outletId: z.string().min(1).max(64) }), responses: { 200: '{ id, name }', 404: 'OUTLET_NOT_FOUND' } },
  { method: 'post', path: '/api/admin/members/{memberId}/adjustments', summary: 'Audited manual adjustment of growth or points', auth: 'admin', params: memberId, headers: IdempotencyHeader, body: AdjustmentBody, responses: { 201: 'Adjustment', 200: 'Replayed adjustment', 404: 'MEMBER_NOT_FOUND', 409: 'POINTS_INSUFFICIENT | GROWTH_INSUFFICIENT | IDEMPOTENCY_KEY_REUSED' } },
  { method: 'get', path: '/api/admin/members/{memberId}/ledger', summary: 'A member\'s full ledger', auth: 'admin', params: memberId, query: HistoryQuery.extend({ ledger: z.enum(['growth', 'points']) }), responses: { 200: 'HistoryPage', 404: 'MEMBER_NOT_FOUND' } },
  { method: 'post', path: '/webhooks/orders', summary: 'Order events from the shop (signed; idempotent by event id)', auth: 'webhook-signature', body: OrderEvent, responses: { 200: 'OrderEventOutcome', 202: 'Parked until the payment arrives', 400: 'INVALID_REQUEST', 401: 'WEBHOOK_SIGNATURE_INVALID | WEBHOOK_TIMESTAMP_STALE', 404: 'MEMBER_NOT_FOUND', 409: 'IDEMPOTENCY_KEY_REUSED' } },
  { method: 'get', path: '/api/openapi.json', summary: 'This document', auth: 'none', responses: { 200: 'OpenAPI 3.1' } },
]
