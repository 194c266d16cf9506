import { AppError, businessDayOf, lotExtendability, newId, type BusinessCalendar, type LotExtension } from '@mc/shared'
import type { Kysely, Selectable, Transaction } from 'kysely'
import type { Database, PointsLotExtensionsTable } from '../db/schema'
import { publishedProgram } from '../program/published-program'
import { lockAccount } from './accounts'
import { postDebit } from './post-entry'

/** What one extension request produced: the extension, and whether this request made it or found it made. */
export interface ExtendedLot {
  extension: LotExtension
  created: boolean
}

/**
 * Extends one of the member's points lots by the rules' `points.extension`: the cost is a points spend (earliest
 * expiry first, like any spend, so it may well come out of this very lot), and the extension is an append-only
 * `points_lot_extensions` row; the lot's `expires_at`, its materialized expiry, moves with it in the same
 * transaction (a trigger refuses any other move). Once per lot: the member's points account is locked first, so
 * concurrent requests for one lot take turns, and every request after the first finds the extension and returns
 * it (the lot is the idempotency key); the unique lot id backs that up. Every refusal throws before anything is
 * written, or inside the transaction, which then rolls back: a refused request leaves the ledgers as they were.
 */
export async function extendLot(
  db: Kysely<Database>,
  request: { memberId: string; lotId: string; now: Date },
): Promise<ExtendedLot> {
  const { memberId, lotId, now } = request
  return db.transaction().execute(async (trx) => {
    await lockAccount(trx, memberId, 'points')
    const lot = await trx
      .selectFrom('ledger_lots')
      .select(['id', 'remaining', 'expires_at'])
      .where('id', '=', lotId)
      .where('member_id', '=', memberId)
      .where('ledger', '=', 'points')
      .executeTakeFirst()
    if (!lot) throw new AppError('LOT_NOT_FOUND', { lotId })
    const done = await trx
      .selectFrom('points_lot_extensions')
      .selectAll()
      .where('lot_id', '=', lotId)
      .executeTakeFirst()
    if (done) return { extension: lotExtensionFromRow(done), created: false }

    const program = await publishedProgram(trx)
    const { rules } = program
    const rule = rules.points.extension
    if (rule === null) throw new AppError('EXTENSION_DISABLED')
    const verdict = lotExtendability(
      { remaining: lot.remaining, expiresAt: lot.expires_at, extended: false },
      rule,
      now,
      rules.calendar,
    )!
    if (!verdict.extendable) throw new AppError('LOT_NOT_EXTENDABLE', { lotId, reason: verdict.reason })

    const expiresAtBefore = lot.expires_at!
    const id = newId('plx', now.getTime())
    const entry = await postDebit(trx, {
      memberId,
      ledger: 'points',
      amount: -rule.costPoints,
      kind: 'redeem',
      reason: extensionReason(expiresAtBefore, verdict.expiresAt, rules.calendar),
      actor: 'member',
      actorId: memberId,
      ref: { type: 'lot_extension', id },
      idempotencyKey: `lot_extension:${lotId}`,
      ruleVersion: program.version,
      businessDay: businessDayOf(now, rules.calendar),
      occurredAt: now,
      now,
      debit: { from: 'earliest_expiry', respectHeld: true },
    })
    const row = {
      id,
      lot_id: lotId,
      member_id: memberId,
      entry_id: entry.id,
      cost_points: rule.costPoints,
      extend_days: rule.extendDays,
      expires_at_before: expiresAtBefore,
      expires_at_after: verdict.expiresAt,
      rule_version: program.version,
      created_at: now.toISOString(),
    }
    await trx.insertInto('points_lot_extensions').values(row).execute()
    await moveLotExpiry(trx, lotId, expiresAtBefore, verdict.expiresAt)
    return { extension: lotExtensionFromRow(row), created: true }
  })
}

/** Moves the lot's materialized expiry, conditioned on the expiry read, so a lot can never move twice. */
async function moveLotExpiry(trx: Transaction<Database>, lotId: string, from: string, to: string) {
  const moved = await trx
    .updateTable('ledger_lots')
    .set({ expires_at: to })
    .where('id', '=', lotId)
    .where('expires_at', '=', from)
    .executeTakeFirst()
  if (Number(moved.numUpdatedRows) !== 1) throw new Error(`points lot ${lotId} no longer lapses at ${from}`)
}

/** The sentence on the spend: which day's points now last until which day (the last day each can be used). */
function extensionReason(before: string, after: string, calendar: BusinessCalendar): string {
  const lastDay = (iso: string) => businessDayOf(new Date(Date.parse(iso) - 1), calendar)
  return `积分延期：原 ${lastDay(before)} 到期的积分延至 ${lastDay(after)}`
}

export function lotExtensionFromRow(row: Selectable<PointsLotExtensionsTable>): LotExtension {
  return {
    id: row.id,
    lotId: row.lot_id,
    costPoints: row.cost_points,
    extendDays: row.extend_days,
    entryId: row.entry_id,
    expiresAtBefore: row.expires_at_before,
    expiresAtAfter: row.expires_at_after,
    createdAt: row.created_at,
  }
}
