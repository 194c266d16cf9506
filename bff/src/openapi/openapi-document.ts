import { z, type ZodType } from 'zod'
import { operations, type Operation } from './api-description'

const schemaOf = (schema: ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' })

function parametersOf(op: Operation) {
  const from = (schema: ZodType | undefined, where: 'path' | 'query' | 'header') => {
    if (!schema) return []
    const json = schemaOf(schema) as { properties?: Record<string, unknown>; required?: string[] }
    return Object.entries(json.properties ?? {}).map(([name, property]) =>
      ({ name, in: where, required: where === 'path' || (json.required ?? []).includes(name), schema: property }))
  }
  return [...from(op.params, 'path'), ...from(op.query, 'query'), ...from(op.headers, 'header')]
}

const security = { member: [{ session: [] }], admin: [{ admin: [] }], staff: [{ staffSession: [] }], none: [], 'webhook-signature': [{ webhookSignature: [] }], 'wechatpay-signature': [{ wechatpaySignature: [] }] }

/** OpenAPI 3.1, generated from the zod schemas that validate each request. */
export function openApiDocument(version: string) {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const op of operations) {
    paths[op.path] ??= {}
    paths[op.path][op.method] = {
      summary: op.summary,
      security: security[op.auth],
      parameters: parametersOf(op),
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(op.body) } } } } : {}),
      responses: Object.fromEntries(Object.entries(op.responses).map(([status, description]) => [status, { description }])),
    }
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Member Center API', version, description: 'Errors are { error: { code, message, details? } } with the status listed per code.' },
    components: {
      securitySchemes: {
        session: { type: 'http', scheme: 'bearer', description: 'BFF session token from /api/auth/*' },
        admin: { type: 'http', scheme: 'bearer', description: 'ADMIN_TOKEN from configuration' },
        staffSession: { type: 'http', scheme: 'bearer', description: 'Staff session token from /api/staff/login' },
        webhookSignature: { type: 'apiKey', in: 'header', name: 'X-MC-Signature', description: 'sha256=<hex HMAC-SHA256(secret, "<X-MC-Timestamp>.<raw body>")>' },
        wechatpaySignature: { type: 'apiKey', in: 'header', name: 'Wechatpay-Signature', description: 'WeChat Pay platform SHA256-RSA signature of "<Wechatpay-Timestamp>\\n<Wechatpay-Nonce>\\n<raw body>\\n"' },
      },
    },
    paths,
  }
}
