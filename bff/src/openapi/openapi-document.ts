import { ErrorBodySchema, errorMessages, type ErrorCode, type Permission } from '@mc/shared'
import type { Hono } from 'hono'
import { generateSpecs } from 'hono-openapi'
import { isDeepStrictEqual } from 'node:util'
import { z } from 'zod'
import { statusOf } from '../http/errors'
import { errorCodesKey, permissionKey } from './document-route'

/** The parts of an operation the builder reads; hono-openapi fills in the rest. */
interface Operation {
  summary?: string
  parameters?: { in: string; name: string }[]
  requestBody?: unknown
  responses?: Record<string, { description?: string; content?: unknown }>
  [errorCodesKey]?: ErrorCode[]
  [permissionKey]?: Permission
}

export interface OpenApiDocument {
  openapi: string
  info: { title: string; version: string; description?: string }
  paths: Record<string, Record<string, Operation>>
  components: Record<string, Record<string, unknown>>
}

/**
 * The document as its route answers it, described only at the top: OpenAPI describes itself, and its operations
 * are whatever the routes say. Loose on purpose, so an OpenAPI field this builder does not know still passes.
 */
export const OpenApiDocumentSchema = z.looseObject({
  openapi: z.string(),
  info: z.looseObject({ title: z.string(), version: z.string(), description: z.string().optional() }),
  /** Path → method → operation. */
  paths: z.record(z.string(), z.record(z.string(), z.looseObject({}))),
  components: z.record(z.string(), z.record(z.string(), z.unknown())),
})

const description = [
  'The Member Center BFF. Generated from the route definitions: each request is described by the zod schema',
  'that validates it, each route by its `documentRoute(...)` next to the handler.',
  '',
  'Errors are `{ "error": { "code", "message", "details"? } }` with the HTTP status of the code; every operation',
  'lists the codes it can answer, grouped by status, and the same list in `x-error-codes`. Codes are stable and',
  'listed in `shared/src/errors.ts`.',
].join('\n')

/**
 * OpenAPI 3.1 for every route of `app` that carries a `documentRoute(...)`, with its request schemas taken from
 * the `validate(...)` middlewares on the route (hono-openapi's `generateSpecs`), then each route's error codes
 * turned into responses by status.
 */
export async function openApiDocument(app: Hono<any, any, any>, version: string): Promise<OpenApiDocument> {
  const document = (await generateSpecs(app, {
    documentation: {
      info: { title: 'Member Center API', version, description },
      tags: [
        { name: 'Public', description: 'No credentials' },
        { name: 'Member', description: 'The shopper, with a session token from /api/auth/*' },
        { name: 'Staff', description: 'The till, with a staff session token from /api/staff/login' },
        {
          name: 'Admin',
          description: "The merchant console: an operator's session or an API key; each route names its permission",
        },
        { name: 'Operator', description: "An operator's own account: login, logout, password" },
        { name: 'Shop (signed)', description: 'Server-to-server calls from the shop, HMAC-signed (DESIGN.md §6)' },
        { name: 'WeChat Pay', description: 'Payment notices from WeChat Pay' },
      ],
      components: {
        securitySchemes: {
          session: { type: 'http', scheme: 'bearer', description: 'BFF session token from /api/auth/*' },
          admin: {
            type: 'http',
            scheme: 'bearer',
            description: 'An operator session token from /api/operator/login, or an API key an owner issued',
          },
          operatorSession: { type: 'http', scheme: 'bearer', description: 'Operator session from /api/operator/login' },
          staffSession: { type: 'http', scheme: 'bearer', description: 'Staff session token from /api/staff/login' },
          webhookSignature: {
            type: 'apiKey',
            in: 'header',
            name: 'X-MC-Signature',
            description:
              'sha256=<hex HMAC-SHA256(secret, "<X-MC-Timestamp>.<raw body>")>, ' +
              'over the exact bytes sent (an empty body for a GET)',
          },
          webhookTimestamp: {
            type: 'apiKey',
            in: 'header',
            name: 'X-MC-Timestamp',
            description: "Unix seconds, within 300 s of the server's clock; part of what X-MC-Signature signs",
          },
          wechatpaySignature: {
            type: 'apiKey',
            in: 'header',
            name: 'Wechatpay-Signature',
            description:
              'WeChat Pay platform SHA256-RSA signature of "<Wechatpay-Timestamp>\\n<Wechatpay-Nonce>\\n<raw body>\\n"',
          },
        },
      },
    },
    excludeStaticFile: false,
    defaultValidationErrorResponse: false,
  })) as unknown as OpenApiDocument
  document.components.schemas = { ...document.components.schemas, ErrorBody: jsonSchema(ErrorBodySchema) }
  for (const operations of Object.values(document.paths)) {
    for (const operation of Object.values(operations)) {
      referenceNamedAnswers(operation, document.components.schemas)
      addErrorResponses(operation)
    }
  }
  return withoutSafeIntegerBounds(document)
}

/** zod writes `.int()` as bounded by ±Number.MAX_SAFE_INTEGER; that says nothing to a reader, so drop those bounds. */
function withoutSafeIntegerBounds<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutSafeIntegerBounds) as T
  if (typeof value !== 'object' || value === null) return value
  return Object.fromEntries(
    Object.entries(value)
      .filter(
        ([key, v]) =>
          !(
            (key === 'minimum' && v === Number.MIN_SAFE_INTEGER) ||
            (key === 'maximum' && v === Number.MAX_SAFE_INTEGER)
          ),
      )
      .map(([key, v]) => [key, withoutSafeIntegerBounds(v)]),
  ) as T
}

/**
 * hono-openapi writes an answer whose own schema has a `.meta({ id })` inline, with the id as a keyword; only schemas
 * nested in it become components. Move such a root schema to the components too and refer to it, so a shape
 * answered by several routes (DraftView, StaffView) is described once.
 */
function referenceNamedAnswers(operation: Operation, schemas: Record<string, unknown>) {
  for (const response of Object.values(operation.responses ?? {})) {
    const content = response.content as Record<string, { schema?: Record<string, unknown> }> | undefined
    const json = content?.['application/json']
    const id = json?.schema?.id
    if (!json?.schema || typeof id !== 'string') continue
    // Kept as hono-openapi writes its components, `id` included.
    if (schemas[id] === undefined) schemas[id] = json.schema
    else if (!isDeepStrictEqual(schemas[id], json.schema)) continue // another shape under the same id: leave it inline
    json.schema = { $ref: `#/components/schemas/${id}` }
  }
}

/** Each code the operation can answer, grouped under its status with the ErrorBody schema narrowed to those codes. */
function addErrorResponses(operation: Operation) {
  const codes = new Set(operation[errorCodesKey] ?? [])
  if (operation.parameters?.length || operation.requestBody) codes.add('INVALID_REQUEST')
  if (operation.requestBody) codes.add('PAYLOAD_TOO_LARGE')
  const byStatus = new Map<number, ErrorCode[]>()
  for (const code of codes) byStatus.set(statusOf[code], [...(byStatus.get(statusOf[code]) ?? []), code])
  operation[errorCodesKey] = [...codes]
  operation.responses ??= {}
  for (const [status, statusCodes] of [...byStatus].sort(([a], [b]) => a - b)) {
    operation.responses[String(status)] = {
      description: statusCodes.map((code) => `${code} (${errorMessages[code]})`).join(' | '),
      content: {
        'application/json': {
          schema: {
            allOf: [
              { $ref: '#/components/schemas/ErrorBody' },
              {
                type: 'object',
                properties: { error: { type: 'object', properties: { code: { type: 'string', enum: statusCodes } } } },
              },
            ],
          },
        },
      },
    }
  }
}

function jsonSchema(schema: z.ZodType) {
  const { $schema: _, id: __, ...rest } = z.toJSONSchema(schema, { io: 'output' }) as Record<string, unknown>
  return rest
}
