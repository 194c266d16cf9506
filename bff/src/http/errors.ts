import { AppError, errorMessages, type ErrorBody, type ErrorCode } from '@mc/shared'
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { AppEnv } from '../deps'

/** The only place that knows which HTTP status each code travels with; a new code without one fails to compile. */
export const statusOf = {
  INVALID_REQUEST: 400,
  UNAUTHENTICATED: 401,
  SESSION_EXPIRED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  PAYLOAD_TOO_LARGE: 413,
  LOCAL_LOGIN_DISABLED: 403,
  WECHAT_LOGIN_DISABLED: 403,
  WECHAT_CODE_INVALID: 401,
  WECHAT_UNAVAILABLE: 502,
  WECHAT_PHONE_CODE_INVALID: 401,
  WECHAT_PHONE_UNSUPPORTED: 422,
  MEMBER_NOT_JOINED: 403,
  OUTLET_NOT_FOUND: 404,
  MEMBER_NOT_FOUND: 404,
  POINTS_INSUFFICIENT: 409,
  GROWTH_INSUFFICIENT: 409,
  IDEMPOTENCY_KEY_REUSED: 409,
  ALREADY_REVERSED: 409,
  ENTRY_NOT_FOUND: 404,
  WEBHOOK_SIGNATURE_INVALID: 401,
  WEBHOOK_TIMESTAMP_STALE: 401,
  WEBHOOK_NOT_CONFIGURED: 503,
  DRAFT_NOT_FOUND: 404,
  DRAFT_NOT_OPEN: 409,
  DRAFT_INVALID: 422,
  DEMOTION_CHOICE_REQUIRED: 409,
  VERSION_NOT_FOUND: 404,
  BENEFIT_NOT_FOUND: 404,
  LEGAL_DOCUMENT_NOT_FOUND: 404,
  LEGAL_VERSION_NOT_CURRENT: 409,
  BENEFIT_LOCKED: 403,
  BENEFIT_NOT_CLAIMABLE: 409,
  BENEFIT_ALREADY_CLAIMED: 409,
  BIRTHDAY_UNKNOWN: 409,
  NOT_BIRTHDAY_MONTH: 409,
  BENEFIT_NOT_IN_SEASON: 409,
  COUPON_NOT_FOUND: 404,
  COUPON_ALREADY_USED: 409,
  COUPON_EXPIRED: 409,
  COUPON_THRESHOLD_NOT_MET: 409,
  NOTIFICATION_NOT_FOUND: 404,
  ALREADY_SIGNED_IN: 409,
  MAKE_UP_DISABLED: 409,
  MAKE_UP_DAY_NOT_PAST: 400,
  MAKE_UP_DAY_NOT_THIS_MONTH: 400,
  MAKE_UP_DAY_BEFORE_JOIN: 400,
  MAKE_UP_LIMIT_REACHED: 409,
  MEMBER_CODE_INVALID: 404,
  MEMBER_CODE_THROTTLED: 429,
  MEMBER_CODE_REQUIRED: 403,
  OUTLET_SCENE_INVALID: 400,
  STAFF_LOGIN_FAILED: 401,
  STAFF_LOGIN_THROTTLED: 429,
  STAFF_PHONE_TAKEN: 409,
  OPERATOR_LOGIN_FAILED: 401,
  OPERATOR_LOGIN_THROTTLED: 429,
  OPERATOR_LOGIN_TAKEN: 409,
  OPERATOR_NOT_FOUND: 404,
  OPERATOR_PASSWORD_WRONG: 400,
  PASSWORD_CHANGE_REQUIRED: 403,
  LAST_OWNER: 409,
  API_KEY_NOT_FOUND: 404,
  OUTLET_FORBIDDEN: 403,
  UPLOAD_FILE_REQUIRED: 400,
  UPLOAD_NOT_IMAGE: 415,
  UPLOAD_TOO_LARGE: 413,
  UPLOAD_DIMENSIONS_INVALID: 422,
  UPLOAD_NOT_FOUND: 404,
  QR_SCENE_NOT_CONFIGURED: 503,
  WECHAT_QR_FAILED: 502,
  STAFF_NOT_FOUND: 404,
  STAFF_DISABLED: 403,
  REDEMPTION_NOT_SHIPPABLE: 409,
  REDEMPTION_ALREADY_SHIPPED: 409,
  RECONCILIATION_NOT_FOUND: 404,
  MALL_ITEM_NOT_FOUND: 404,
  MALL_ITEM_OFF_SALE: 409,
  MALL_ITEM_NOT_STARTED: 409,
  MALL_ITEM_ENDED: 409,
  MALL_ITEM_SOLD_OUT: 409,
  MALL_ITEM_TIER_LOCKED: 403,
  MALL_LIMIT_REACHED: 409,
  MALL_TIER_UNKNOWN: 422,
  MALL_STOCK_NEGATIVE: 409,
  DELIVERY_ADDRESS_REQUIRED: 400,
  REDEMPTION_NOT_FOUND: 404,
  REDEMPTION_NOT_PENDING: 409,
  REDEMPTION_NOT_REFUNDABLE: 409,
  PAYMENT_UNAVAILABLE: 503,
  PAYMENT_NOTICE_INVALID: 401,
  PAYMENT_NOTICE_MISMATCH: 400,
  PICKUP_CODE_INVALID: 404,
  PICKUP_CODE_USED: 409,
  PICKUP_THROTTLED: 429,
  PICKUP_OUTLET_REQUIRED: 400,
  PICKUP_OUTLET_CLOSED: 400,
  PICKUP_OUTLET_NOT_ALLOWED: 400,
  PICKUP_WRONG_OUTLET: 409,
  PICKUP_CODE_EXPIRED: 409,
  RANGE_BACKWARDS: 400,
  RANGE_TOO_LONG: 400,
  RANGE_OUTSIDE_DATA: 400,
  TAG_NOT_FOUND: 404,
  TAG_NOT_MANUAL: 409,
  SEGMENT_NOT_FOUND: 404,
  CAMPAIGN_NOT_FOUND: 404,
  CAMPAIGN_SEGMENT_MISSING: 400,
  CAMPAIGN_SCHEDULE_PAST: 400,
  CAMPAIGN_OVER_BUDGET: 400,
  CAMPAIGN_NOT_CANCELLABLE: 409,
  OUTBOX_MESSAGE_NOT_FOUND: 404,
  OUTBOX_NOT_FAILED: 409,
  SUBSCRIPTION_TEMPLATE_UNKNOWN: 400,
  SMS_CONSENT_NEEDS_PHONE: 400,
  SMS_INBOUND_FORBIDDEN: 401,
  JOURNEY_NOT_FOUND: 404,
  RATE_LIMITED: 429,
  BIRTHDAY_LOCKED: 409,
  EXTENSION_DISABLED: 409,
  LOT_NOT_FOUND: 404,
  LOT_NOT_EXTENDABLE: 409,
  ACCOUNT_CLOSED: 403,
  CLOSE_NOT_CONFIRMED: 400,
  CLOSE_PENDING_REDEMPTIONS: 409,
  COUPON_NOT_HOLDER: 409,
  PURCHASE_NOT_FOUND: 404,
  PURCHASE_NOT_PENDING: 409,
  INTERNAL: 500,
} as const satisfies Record<ErrorCode, ContentfulStatusCode>

export function errorBody(code: ErrorCode, message?: string, details?: Record<string, unknown>): ErrorBody {
  return { error: { code, message: message ?? errorMessages[code], ...(details ? { details } : {}) } }
}

/** Hono's own exceptions (malformed JSON, body limit) keep their status but get our JSON shape. */
function codeForHttpException(status: number): ErrorCode {
  if (status === 413) return 'PAYLOAD_TOO_LARGE'
  if (status === 401) return 'UNAUTHENTICATED'
  if (status === 404) return 'ROUTE_NOT_FOUND'
  if (status === 405) return 'METHOD_NOT_ALLOWED'
  return status < 500 ? 'INVALID_REQUEST' : 'INTERNAL'
}

export function handleError(err: Error, c: Context<AppEnv>): Response {
  if (err instanceof AppError) {
    // Every 429 (rate limits and guess throttles) says when to come back, in the header clients and proxies read.
    const retryAfter = err.details?.retryAfterSeconds
    if (statusOf[err.code] === 429 && typeof retryAfter === 'number') c.header('Retry-After', String(retryAfter))
    return c.json(errorBody(err.code, err.message, err.details), statusOf[err.code])
  }
  if (err instanceof HTTPException) {
    const code = codeForHttpException(err.status)
    return c.json(errorBody(code), statusOf[code])
  }
  // Unknown failures are logged with their stack for us and reported to the client without one.
  c.var.deps?.logger.error({ err, requestId: c.var.requestId }, 'unhandled error')
  return c.json(errorBody('INTERNAL'), 500)
}

export const handleNotFound = (c: Context<AppEnv>): Response => c.json(errorBody('ROUTE_NOT_FOUND'), 404)
