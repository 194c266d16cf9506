import { businessDayOf } from '@mc/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import { postEntry } from '../ledger/post-entry'
import type { PublishedProgram } from '../program/published-program'

export interface ExpirySummary {
  pointsLots: number
  pointsExpired: number
  growthLots: number
  growthExpired: number
}

/**
 * Writes an expiry entry for every lot whose time has come, never deleting anything. Each lot is expired at most
 * once (its remaining drops to zero and the entry's idempotency key is the lot id), so re-running, or a clock
 * that jumps back, changes nothing. Members are processed in batches, one transaction per member.
 */
export async function expireLots(db: Kysely<Database>, program: PublishedProgram, now: Date, batchSize = 500): Promise<ExpirySummary> {
  const summary: ExpirySummary = { pointsLots: 0, pointsExpired: 0, growthLots: 0, growthExpired: 0 }
  const nowIso = now.toISOString()
  let after = ''
  for (;;) {
    const members = await db.selectFrom('ledger_lots').select('member_id').distinct()
      .where('remaining', '>', 0).where('expires_at', '<=', nowIso).where('member_id', '>', after)
      .orderBy('member_id').limit(batchSize).execute()
    if (members.length === 0) return summary
    for (const { member_id: memberId } of members) await expireMemberLots(db, memberId, program, now, summary)
    after = members[members.length - 1].member_id
  }
}

async function expireMemberLots(db: Kysely<Database>, memberId: string, program: PublishedProgram, now: Date, summary: ExpirySummary) {
  await db.transaction().execute(async (trx) => {
    const lots = await trx.selectFrom('ledger_lots').select(['id', 'ledger', 'remaining', 'created_at', 'expires_at'])
      .where('member_id', '=', memberId).where('remaining', '>', 0).where('expires_at', '<=', now.toISOString())
      .orderBy('expires_at').orderBy('id').execute()
    for (const lot of lots) {
      const earnedDay = businessDayOf(new Date(lot.created_at), program.rules.calendar)
      await postEntry(trx, {
        memberId, ledger: lot.ledger, amount: -lot.remaining, kind: 'expiry',
        reason: lot.ledger === 'points' ? `积分到期（${earnedDay} 获得）` : `成长值超出统计周期（${earnedDay} 获得）`,
        actor: 'system', ref: { type: 'lot', id: lot.id }, idempotencyKey: `expire:${lot.id}`,
        ruleVersion: program.version, businessDay: businessDayOf(new Date(lot.expires_at!), program.rules.calendar),
        occurredAt: new Date(lot.expires_at!), now,
        debit: { from: 'lot', lotId: lot.id, overflow: 'none', respectHeld: false },
      })
      if (lot.ledger === 'points') {
        summary.pointsLots += 1
        summary.pointsExpired += lot.remaining
      } else {
        summary.growthLots += 1
        summary.growthExpired += lot.remaining
      }
    }
  })
}
