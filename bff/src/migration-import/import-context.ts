import type { TierState } from '@mc/shared'
import type { Credit } from '../earning/earn'
import type { PublishedProgram } from '../program/published-program'
import type { ImportRow, ImportTime } from './import-row'

/**
 * What every row of one import shares. `writer` picks how members created by the import get their openings:
 * 'bulk' writes them with a few set-based statements per batch, 'post-entry' posts each one through `earn`.
 */
export interface ImportContext {
  program: PublishedProgram
  time: ImportTime
  writer: 'bulk' | 'post-entry'
}

/** The member a row lands on: found in the database, or `fresh` (created by this batch, invisible to others). */
export interface MemberRef {
  id: string
  phone: string | null
  openid: string | null
  joinedAt: string | null
  birthday: string | null
  fresh: boolean
}

/** An accepted row, its member, every identity key to record the import under, and identities to link. */
export interface ImportTarget {
  row: ImportRow
  member: MemberRef
  keys: string[]
  link: { phone?: string; openid?: string }
}

/** The idempotency-record scope that remembers, per identity, which opening numbers were imported. */
export const importScope = 'member_import'

export const entryTierState = (program: PublishedProgram): TierState => ({
  key: program.rules.tiers[0].key,
  validUntil: null,
})

/**
 * The opening credits one row earns: growth counting for the program's window, points lapsing when the row
 * says. A zero amount earns nothing, since a ledger entry is never 0. Both writers start from these credits (through
 * `creditPosting`), so what the entries say cannot differ between them.
 */
export function openingCredits(target: ImportTarget, context: ImportContext): Credit[] {
  const { row, member } = target
  const { now, today } = context.time
  const common = {
    memberId: member.id,
    kind: 'opening' as const,
    actor: 'admin' as const,
    actorId: 'import',
    businessDay: today,
    occurredAt: now,
  }
  const credits: Credit[] = []
  if (row.growth > 0) {
    credits.push({
      ...common,
      ledger: 'growth',
      amount: row.growth,
      reason: '期初导入成长值',
      idempotencyKey: `opening:growth:${row.identityKey}`,
      expiresAt: context.time.growthExpiresAt,
    })
  }
  if (row.points > 0) {
    credits.push({
      ...common,
      ledger: 'points',
      amount: row.points,
      reason: '期初导入积分',
      idempotencyKey: `opening:points:${row.identityKey}`,
      expiresAt: row.pointsExpiresAt,
    })
  }
  return credits
}

/** Splits a list into runs of at most `size`, e.g. to keep an IN (…) list of lookups to a sane length. */
export function chunks<T>(items: T[], size: number): T[][] {
  const runs: T[][] = []
  for (let i = 0; i < items.length; i += size) runs.push(items.slice(i, i + size))
  return runs
}
