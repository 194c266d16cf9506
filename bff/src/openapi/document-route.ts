import type { ErrorCode, Permission } from '@mc/shared'
import type { MiddlewareHandler } from 'hono'
import { resolver, uniqueSymbol } from 'hono-openapi'
import type { ZodType } from 'zod'
import type { AppEnv } from '../deps'
import { checkDocumentedAnswer } from './check-documented-answer'

/** Who may call a route; each kind is one security scheme of the document (see `openapi-document.ts`). */
export type Auth = 'none' | 'member' | 'admin' | 'operator' | 'staff' | 'webhook-signature' | 'wechatpay-signature'

/**
 * A successful answer: its description, and the zod schema of its JSON body; or, for a body that is not JSON (a
 * page, a script), its content type, documented as a string and not checked.
 */
export type Success =
  | string
  | { description: string; schema: ZodType }
  | { description: string; contentType: NonJsonContentType }

/** The content types of answers that are not JSON: the API reference page and its script, QR images, CSV exports. */
export type NonJsonContentType = 'text/html' | 'text/javascript' | 'image/png' | 'text/csv'

export interface RouteDescription {
  /** One line, shown in lists. */
  summary: string
  /** More, when the summary is not enough (Markdown). */
  description?: string
  auth: Auth
  /**
   * For `auth: 'admin'`, the one permission the route's `requirePermission` checks; the role-matrix spec calls
   * every admin route as every role and holds the answer to this.
   */
  permission?: Permission
  /** Successful statuses: `{ 200: 'MeResponse' }` or `{ 201: { description, schema } }`. */
  ok: Partial<Record<200 | 201 | 202, Success>>
  /**
   * The error codes the route's own logic answers with. The codes of its auth and of request validation
   * (INVALID_REQUEST, PAYLOAD_TOO_LARGE) are added for you; the document groups the codes by their status
   * from `http/errors.ts` (`statusOf`), so a status cannot be listed wrongly.
   */
  errors?: readonly ErrorCode[]
}

/** Where an admin operation names the permission it needs. */
export const permissionKey = 'x-permission'

/** Where an operation keeps its error codes; the document builder turns them into responses and keeps the list. */
export const errorCodesKey = 'x-error-codes'

const authErrors: Record<Auth, readonly ErrorCode[]> = {
  none: [],
  member: ['UNAUTHENTICATED', 'SESSION_EXPIRED'],
  admin: ['UNAUTHENTICATED', 'SESSION_EXPIRED', 'FORBIDDEN', 'PASSWORD_CHANGE_REQUIRED'],
  operator: ['UNAUTHENTICATED', 'SESSION_EXPIRED'],
  staff: ['UNAUTHENTICATED', 'SESSION_EXPIRED', 'FORBIDDEN'],
  'webhook-signature': ['WEBHOOK_SIGNATURE_INVALID', 'WEBHOOK_TIMESTAMP_STALE', 'WEBHOOK_NOT_CONFIGURED'],
  'wechatpay-signature': ['PAYMENT_NOTICE_INVALID'],
}

const security: Record<Auth, Record<string, string[]>[]> = {
  none: [],
  member: [{ session: [] }],
  admin: [{ admin: [] }],
  operator: [{ operatorSession: [] }],
  staff: [{ staffSession: [] }],
  'webhook-signature': [{ webhookSignature: [], webhookTimestamp: [] }],
  'wechatpay-signature': [{ wechatpaySignature: [] }],
}

const tags: Record<Auth, string> = {
  none: 'Public',
  member: 'Member',
  admin: 'Admin',
  operator: 'Operator',
  staff: 'Staff',
  'webhook-signature': 'Shop (signed)',
  'wechatpay-signature': 'WeChat Pay',
}

/**
 * Describes a route in the OpenAPI document; put it first among the route's handlers:
 * `.get('/me', documentRoute({ summary, auth: 'member', ok: { 200: … }, errors: [...] }), requireMember, …)`.
 * A route served without one fails `openapi.test.ts`. At request time it does nothing, except where the deps ask
 * for answers to be checked (tests): then a successful answer that its documented schema refuses becomes a 500.
 */
export function documentRoute(route: RouteDescription): MiddlewareHandler<AppEnv> {
  const responses = Object.fromEntries(
    Object.entries(route.ok).map(([status, success]) => {
      if (typeof success === 'string') return [status, { description: success }]
      if ('contentType' in success) {
        return [
          status,
          { description: success.description, content: { [success.contentType]: { schema: { type: 'string' } } } },
        ]
      }
      return [
        status,
        {
          description: success.description,
          content: { 'application/json': { schema: resolver(success.schema, { options: { io: 'output' } }) } },
        },
      ]
    }),
  )
  const spec = {
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: [tags[route.auth]],
    security: security[route.auth],
    ...(route.permission ? { [permissionKey]: route.permission } : {}),
    responses,
    [errorCodesKey]: [...authErrors[route.auth], ...(route.errors ?? [])],
  }
  const schemas = new Map<number, ZodType>()
  for (const [status, success] of Object.entries(route.ok)) {
    if (typeof success !== 'string' && 'schema' in success) schemas.set(Number(status), success.schema)
  }
  const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
    await next()
    // c.get, not c.var: c.var builds a new object of every variable on each read, and this runs on every request.
    if (c.get('deps').checkResponses) await checkDocumentedAnswer(c, schemas, route.summary)
  }
  // The mark hono-openapi's generateSpecs looks for on a route's handlers, as its own describeRoute sets it.
  return Object.assign(middleware, { [uniqueSymbol]: { spec } })
}
