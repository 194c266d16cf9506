/**
 * JSON Merge Patch (RFC 7386): objects merge key by key, `null` removes a key, anything else (arrays included)
 * replaces. A draft is edited with small patches like `{ "tiers": [...] }` or `{ "points": { "expiry": {...} } }`.
 */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return patch
  const result: Record<string, unknown> = isPlainObject(target) ? { ...target } : {}
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key]
    else result[key] = mergePatch(result[key], value)
  }
  return result
}

/**
 * The smallest merge patch that turns `before` into `after`: changed leaves and whole arrays, `null` for removed
 * keys. A null in `after` is sent as null too, i.e. as a removal: the rules schema defaults its nullable settings
 * to null, so a removed key reads back as "off".
 */
export function mergePatchBetween(before: unknown, after: unknown): Record<string, unknown> {
  const patch: Record<string, unknown> = {}
  const old = isPlainObject(before) ? before : {}
  const now = isPlainObject(after) ? after : {}
  for (const [key, value] of Object.entries(now)) {
    if (JSON.stringify(old[key]) === JSON.stringify(value)) continue
    patch[key] = isPlainObject(value) && isPlainObject(old[key]) ? mergePatchBetween(old[key], value) : value
  }
  for (const key of Object.keys(old)) if (!(key in now)) patch[key] = null
  return patch
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
