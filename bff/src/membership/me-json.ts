import type { MeResponse } from '@mc/shared'
import type { JsonText } from '../http/json-text'

/** JSON text of frozen values (a tier's view, the ladder), by the object: each is written once per program. */
const textOf = new WeakMap<object, string>()

/**
 * `/api/me` as JSON text. The tier views are most of it (benefit names and descriptions of every tier) and are
 * the same objects for every member of a program version (me-view.ts freezes and keeps them), so their text is
 * written once and spliced in; only the member's own fields are serialised per request. A view built outside the
 * cache (not frozen) is serialised as it is.
 */
export function meJson(me: MeResponse): JsonText<MeResponse> {
  const { tier, nextTier, tiers, ...own } = me
  const head = JSON.stringify(own)
  const open = head === '{}' ? '{' : `${head.slice(0, -1)},`
  const next = nextTier === null ? 'null' : frozenJson(nextTier)
  const text = `${open}"tier":${frozenJson(tier)},"nextTier":${next},"tiers":${frozenJson(tiers)}}`
  return text as JsonText<MeResponse>
}

function frozenJson(value: object): string {
  if (!Object.isFrozen(value)) return JSON.stringify(value)
  let text = textOf.get(value)
  if (text === undefined) {
    text = JSON.stringify(value)
    textOf.set(value, text)
  }
  return text
}
