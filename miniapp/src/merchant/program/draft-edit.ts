import { ProgramRules, type DraftIssue } from '@mc/shared'

/** A place in the rules document: `['tiers', 1, 'threshold']`; its dotted form names the field in errors. */
export type RulePath = (string | number)[]

/** The Chinese half of the schema's bilingual messages ("升级门槛不能小于 0 / must be at least 0"). */
export function chineseMessage(message: string): string {
  return message.split(/\s*\/\s+/)[0].trim()
}

/** The document with one value replaced, copying only the objects and arrays on the way to it. */
export function setAt<T>(doc: T, path: RulePath, value: unknown): T {
  if (path.length === 0) return value as T
  const [key, ...rest] = path
  const node = doc as unknown
  const container = (Array.isArray(node) ? [...node] : { ...((node ?? {}) as object) }) as Record<
    string | number,
    unknown
  >
  container[key] = setAt(container[key], rest, value)
  return container as T
}

/** The value at a path, or undefined where the document has none. */
export function valueAt(doc: unknown, path: RulePath): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown> | null)?.[key], doc)
}

/**
 * What a number input holds: the number when the text is a plain number, otherwise the text itself, so the
 * schema answers "升级门槛必须是数字" beside the field instead of the input silently dropping what was typed.
 */
export function numberFromInput(text: string): number | string {
  const trimmed = text.trim()
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : trimmed
}

/** The edited rules checked by the same schema the BFF uses: Chinese messages by dotted path, first one wins. */
export function localFieldErrors(rules: unknown): Record<string, string> {
  const result = ProgramRules.safeParse(rules)
  if (result.success) return {}
  const errors: Record<string, string> = {}
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join('.')
    if (!(path in errors)) errors[path] = chineseMessage(issue.message)
  }
  return errors
}

/** The BFF's field issues (a 400 on save, a 422 on simulate or publish) by dotted path, in Chinese. */
export function issueErrors(issues: readonly DraftIssue[]): Record<string, string> {
  const errors: Record<string, string> = {}
  for (const issue of issues) if (!(issue.path in errors)) errors[issue.path] = chineseMessage(issue.message)
  return errors
}

/** How many field errors sit at or below `prefix` (a section's badge: "等级 2 处待修正"). */
export function errorsUnder(errors: Record<string, string>, prefix: string): number {
  return Object.keys(errors).filter((path) => path === prefix || path.startsWith(`${prefix}.`)).length
}

/** A tier to add above the top one: a higher threshold and a key no other tier has. */
export function nextTier(tiers: readonly ProgramRules['tiers'][number][]): ProgramRules['tiers'][number] {
  const top = tiers[tiers.length - 1]
  let n = tiers.length + 1
  while (tiers.some((tier) => tier.key === `tier_${n}`)) n += 1
  const threshold = Math.max(100, (top?.threshold ?? 0) * 2)
  return {
    key: `tier_${n}`,
    name: `等级 ${n}`,
    threshold,
    retainThreshold: Math.round(threshold * 0.8),
    validityDays: top?.validityDays ?? 365,
    pointsMultiplierPercent: top?.pointsMultiplierPercent ?? 100,
    color: '#5b6b8c',
    benefits: [...(top?.benefits ?? [])],
  }
}
