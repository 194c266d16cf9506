import { businessDayOf, type TierChange } from '@mc/shared'
import type { Transaction } from 'kysely'
import type { Database, LedgerName } from '../db/schema'
import { lotExpiresAt } from '../ledger/lot-expiry'
import { postEntry, type LedgerEntryRow, type Posting } from '../ledger/post-entry'
import type { PublishedProgram } from '../program/published-program'
import { upgradeIfReached, type UpgradeNotice } from '../tiers/member-tier'

/**
 * One credit of growth or points, as a domain describes it (who, which ledger, how much, why, by whom, for what,
 * under which key): the ledger details come from the program. `amount` is positive and whole.
 */
export type Credit = Pick<
  Posting,
  'memberId' | 'ledger' | 'amount' | 'kind' | 'reason' | 'actor' | 'actorId' | 'ref'
> & {
  idempotencyKey: string
  /** When it was earned; the lot's expiry counts from here (default: now). */
  occurredAt?: Date
  /** The business day it belongs to (default: the day of `occurredAt`); a made-up sign-in's is the day made up. */
  businessDay?: string
  /** The rules version that computed the amount (default: the program's); an order keeps the one it was paid under. */
  ruleVersion?: number
  /** Overrides the program's expiry, for openings that carry the old system's dates. */
  expiresAt?: string | null
}

/** One or more credits to one member, posted in one transaction. */
export interface Earning extends UpgradeNotice {
  credits: Credit[]
  program: PublishedProgram
  now: Date
}

/** The entries posted, in posting order, and the upgrade the growth reached (null: none). */
export interface Earned {
  entries: LedgerEntryRow[]
  tierChange: TierChange | null
}

/**
 * The one way growth or points are earned: each credit opens a lot that lapses under the program's rules, growth
 * is posted before points (the order every posting locks accounts in, so two transactions never wait on each
 * other), and once all are posted the member is upgraded at once if the final growth balance reaches a higher
 * tier. Several credits (a sign-in's day and streak bonus) are upgraded on once, on the balance they leave.
 */
export async function earn(trx: Transaction<Database>, earning: Earning): Promise<Earned> {
  const { program, now } = earning
  const memberIds = new Set(earning.credits.map((credit) => credit.memberId))
  if (memberIds.size > 1) throw new Error('one earning credits one member')
  const ordered = [...earning.credits].sort((a, b) => rank(a.ledger) - rank(b.ledger))
  const entries: LedgerEntryRow[] = []
  let growthAfter: number | null = null
  for (const credit of ordered) {
    if (!Number.isSafeInteger(credit.amount) || credit.amount <= 0)
      throw new RangeError(`a credit must be a positive whole number, got ${credit.amount}`)
    const entry = await postEntry(trx, creditPosting(credit, program, now))
    entries.push(entry)
    if (credit.ledger === 'growth') growthAfter = entry.balance_after
  }
  const [memberId] = memberIds
  const tierChange =
    growthAfter === null
      ? null
      : await upgradeIfReached(trx, memberId, growthAfter, program, now, { congratulate: earning.congratulate })
  return { entries, tierChange }
}

const rank = (ledger: LedgerName) => (ledger === 'growth' ? 0 : 1)

/** The posting a credit makes; the import's bulk writer starts from it too, so both write the same entry. */
export function creditPosting(credit: Credit, program: PublishedProgram, now: Date): Posting {
  const occurredAt = credit.occurredAt ?? now
  return {
    memberId: credit.memberId,
    ledger: credit.ledger,
    amount: credit.amount,
    kind: credit.kind,
    reason: credit.reason,
    actor: credit.actor,
    actorId: credit.actorId,
    ref: credit.ref,
    idempotencyKey: credit.idempotencyKey,
    ruleVersion: credit.ruleVersion ?? program.version,
    businessDay: credit.businessDay ?? businessDayOf(occurredAt, program.rules.calendar),
    occurredAt,
    now,
    credit: {
      expiresAt:
        credit.expiresAt !== undefined ? credit.expiresAt : lotExpiresAt(program.rules, credit.ledger, occurredAt),
    },
  }
}
