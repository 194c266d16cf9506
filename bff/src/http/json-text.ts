import type { Context, TypedResponse } from 'hono'
import type { JSONParsed } from 'hono/utils/types'

declare const jsonOf: unique symbol
/** JSON text known to be the serialisation of a `T`: only a function that serialises a `T` should brand it. */
export type JsonText<T> = string & { readonly [jsonOf]: T }

/**
 * A 200 JSON answer whose text the route built itself (from fragments written once, see membership/me-json.ts),
 * typed as `c.json(value)` would type its `T`, so the typed client reads it the same way.
 */
export function jsonText<T>(c: Context, text: JsonText<T>): Response & TypedResponse<JSONParsed<T>, 200, 'json'> {
  // Only the type changes: the body is the text of a T, as c.json would have written it.
  return c.body(text, 200, { 'Content-Type': 'application/json' }) as unknown as Response &
    TypedResponse<JSONParsed<T>, 200, 'json'>
}
