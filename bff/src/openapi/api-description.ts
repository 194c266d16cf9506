import {
  AdjustmentBody, CreateDraftBody, HistoryQuery, IdempotencyHeader, JoinBody, LocalLoginBody, OrderEvent, PublishBody, WechatLoginBody,
} from '@mc/shared'
import { z, type ZodType } from 'zod'

/** One operation of the API: the same zod schemas that validate requests describe them here. */
export interface Operation {
  method: 'get' | 'post' | 'patch'
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
const draftId = z.object({ draftId: z.string().min(1).max(64) })
const version = z.object({ version: z.number().int().min(1) })

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
  { method: 'get', path: '/api/admin/program/templates', summary: 'The five industry templates', auth: 'admin', responses: { 200: '{ templates: [{ key, name, rules }] }' } },
  { method: 'post', path: '/api/admin/program/drafts', summary: 'Start a draft from a template, a version, or the rules in force', auth: 'admin', body: CreateDraftBody, responses: { 201: 'DraftView', 404: 'VERSION_NOT_FOUND' } },
  { method: 'get', path: '/api/admin/program/drafts/{draftId}', summary: 'A draft with its field-level validation', auth: 'admin', params: draftId, responses: { 200: 'DraftView', 404: 'DRAFT_NOT_FOUND' } },
  { method: 'patch', path: '/api/admin/program/drafts/{draftId}', summary: 'Edit a draft with a JSON merge patch; unknown fields are refused', auth: 'admin', params: draftId, body: z.record(z.string(), z.unknown()), responses: { 200: 'DraftView', 400: 'INVALID_REQUEST', 409: 'DRAFT_NOT_OPEN' } },
  { method: 'post', path: '/api/admin/program/drafts/{draftId}/simulate', summary: 'Replay members under the draft: distributions, moves, cost, warnings', auth: 'admin', params: draftId, responses: { 200: 'SimulationResult', 422: 'DRAFT_INVALID' } },
  { method: 'post', path: '/api/admin/program/drafts/{draftId}/publish', summary: 'Publish a valid draft as a new version in one transaction', auth: 'admin', params: draftId, body: PublishBody, responses: { 201: 'PublishOutcome', 409: 'DEMOTION_CHOICE_REQUIRED | DRAFT_NOT_OPEN', 422: 'DRAFT_INVALID' } },
  { method: 'get', path: '/api/admin/program/versions', summary: 'Published versions: who, when, source and demotion choice', auth: 'admin', responses: { 200: '{ versions }' } },
  { method: 'post', path: '/api/admin/program/versions/{version}/rollback', summary: 'Publish an older version again as a new version', auth: 'admin', params: version, body: PublishBody, responses: { 201: 'PublishOutcome', 404: 'VERSION_NOT_FOUND', 409: 'DEMOTION_CHOICE_REQUIRED' } },
  { method: 'post', path: '/webhooks/orders', summary: 'Order events from the shop (signed; idempotent by event id)', auth: 'webhook-signature', body: OrderEvent, responses: { 200: 'OrderEventOutcome', 202: 'Parked until the payment arrives', 400: 'INVALID_REQUEST', 401: 'WEBHOOK_SIGNATURE_INVALID | WEBHOOK_TIMESTAMP_STALE', 404: 'MEMBER_NOT_FOUND', 409: 'IDEMPOTENCY_KEY_REUSED' } },
  { method: 'get', path: '/api/openapi.json', summary: 'This document', auth: 'none', responses: { 200: 'OpenAPI 3.1' } },
]
