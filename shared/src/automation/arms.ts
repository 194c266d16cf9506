/** Which arm a member is in: holdout gets nothing; A (and B in an A/B campaign) is sent. */
export type Arm = 'holdout' | 'A' | 'B'

/** FNV-1a over UTF-16 code units: small, stable across engines and releases, and enough to spread ids evenly. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash >>> 0
}

/**
 * The member's arm for one journey or campaign (`subject`), the same on every run and every instance, so a retry
 * or a second runner never moves anybody: bucket = hash(subject:member) mod 10,000; the first `holdoutPercent`%
 * are held out, and with two variants the rest split evenly between A and B.
 */
export function armFor(memberId: string, subject: string, holdoutPercent: number, variants: 1 | 2): Arm {
  const bucket = fnv1a(`${subject}:${memberId}`) % 10_000
  const held = holdoutPercent * 100
  if (bucket < held) return 'holdout'
  if (variants === 1) return 'A'
  return (bucket - held) % 2 === 0 ? 'A' : 'B'
}
