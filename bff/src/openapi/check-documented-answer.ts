import type { Context } from 'hono'
import type { ZodType } from 'zod'
import { fieldIssues } from '../http/validate'

/**
 * Holds a successful answer against the schema its route documents for that status (a body documented as not
 * JSON, such as the reference page, has none and is not checked). A mismatch replaces the
 * answer with a 500 that names the route and the fields, so the test that made the request fails on the spot.
 * Only tests ask for this: it costs a parse of every answer.
 */
export async function checkDocumentedAnswer(c: Context, schemas: Map<number, ZodType>, route: string) {
  const schema = schemas.get(c.res.status)
  if (!schema || c.error) return
  const body: unknown = await c.res.clone().json()
  const result = schema.safeParse(body)
  if (result.success) return
  const error = {
    code: 'INTERNAL',
    message: 'the answer does not match its documented schema',
    details: { route, status: c.res.status, issues: fieldIssues(result.error) },
  }
  c.res = new Response(JSON.stringify({ error }), { status: 500, headers: { 'content-type': 'application/json' } })
}
