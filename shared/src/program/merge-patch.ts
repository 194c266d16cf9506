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

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
