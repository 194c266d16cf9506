/**
 * `{名字}` placeholders in merchant-written copy: finding them, filling them, and refusing unknown ones when the
 * copy is saved, so a typo cannot reach a member as literal braces.
 */

const placeholderPattern = /\{([^{}]{1,20})\}/g

/** `{名字}` placeholders used in a text, in order of appearance, each once. */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(placeholderPattern)].map((m) => m[1]))]
}

/** Replaces each known `{名字}` with its value; unknown ones stay as written (saving refuses them, see above). */
export function renderCopy(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(placeholderPattern, (whole, name: string) => values[name] ?? whole)
}

/** A field error for copy that names a placeholder outside `allowed`, or null when every name is known. */
export function unknownPlaceholderIssue(
  text: string,
  allowed: readonly string[],
  path: (string | number)[],
): { code: 'custom'; path: (string | number)[]; message: string } | null {
  const unknown = placeholdersIn(text).filter((name) => !allowed.includes(name))
  if (unknown.length === 0) return null
  const names = unknown.map((name) => `{${name}}`).join('、')
  return {
    code: 'custom',
    path,
    message: `未知的占位符 ${names}，可用：${allowed.map((n) => `{${n}}`).join('、')} / unknown placeholder ${names}`,
  }
}
