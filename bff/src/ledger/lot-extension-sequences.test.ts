import { AppError, businessDayOf } from '@mc/shared'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { expireLots } from '../jobs/expire-lots'
import { publishedProgram } from '../program/published-program'
import { useTestApp } from '../test/test-app'
import { accountBalances } from './accounts'
import { extendLot } from './lot-extension'
import { pointsLot } from './lot-extension-test-kit'
import { postDebit } from './post-entry'
import { verifyLedgers } from './verify-ledgers'

const dayMs = 86_400_000

/** One step of a member's life with points: earn a lot, spend, extend one of the lots, or let days pass. */
const step = fc.oneof(
  fc.record({
    op: fc.constant('earn' as const),
    points: fc.integer({ min: 1, max: 400 }),
    days: fc.integer({ min: 1, max: 90 }),
  }),
  fc.record({ op: fc.constant('spend' as const), points: fc.integer({ min: 1, max: 300 }) }),
  fc.record({ op: fc.constant('extend' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('wait' as const), days: fc.integer({ min: 1, max: 60 }) }),
)

describe('extension sequences (property)', () => {
  const t = useTestApp()
  let run = 0
  let extensionsMade = 0

  it('keep every ledger invariant: balances, lots and extensions agree; each lot moves at most once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        run += 1
        t.clock.set('2026-11-23T02:00:00.000Z')
        const token = await t.joinedMember(`1375${String(run).padStart(7, '0')}`)
        const memberId = (await t.json('GET', '/api/me', undefined, token)).body.member.id
        const lots: string[] = []
        let extended = 0
        let costs = 0
        for (const s of steps) {
          const now = t.clock.now()
          if (s.op === 'earn')
            lots.push(await pointsLot(t, memberId, s.points, new Date(now.getTime() + s.days * dayMs).toISOString()))
          if (s.op === 'wait') {
            t.clock.advanceMs(s.days * dayMs)
            await expireLots(t.db, await publishedProgram(t.db), t.clock.now())
          }
          if (s.op === 'spend') await spend(memberId, s.points, now).catch(refusedOnly)
          if (s.op === 'extend' && lots.length > 0) {
            const answer = await extendLot(t.db, { memberId, lotId: lots[s.pick % lots.length], now }).catch(
              refusedOnly,
            )
            if (answer?.created) {
              extended += 1
              extensionsMade += 1
              costs += answer.extension.costPoints
            }
          }
        }
        expect(await verifyLedgers(t.db)).toEqual([])
        const rows = await t.db
          .selectFrom('points_lot_extensions')
          .selectAll()
          .where('member_id', '=', memberId)
          .execute()
        expect(rows).toHaveLength(extended)
        expect(new Set(rows.map((row) => row.lot_id)).size).toBe(rows.length)
        const spent = await t.db
          .selectFrom('ledger_entries')
          .select('amount')
          .where('member_id', '=', memberId)
          .where('ref_type', '=', 'lot_extension')
          .execute()
        expect(spent.reduce((sum, row) => sum - row.amount, 0)).toBe(costs)
        expect((await accountBalances(t.db, memberId)).points).toBeGreaterThanOrEqual(0)
      }),
      {
        numRuns: 12,
        // One sequence that surely extends, so a draw of twelve that happens to extend nothing cannot fail the run.
        examples: [
          [
            [
              { op: 'earn', points: 400, days: 20 },
              { op: 'earn', points: 300, days: 40 },
              { op: 'extend', pick: 0 },
              { op: 'extend', pick: 1 },
            ],
          ],
        ],
      },
    )
    // The sequences did extend lots, so the invariants above were checked with extensions among them.
    expect(extensionsMade).toBeGreaterThan(0)
  }, 120_000)

  async function spend(memberId: string, points: number, now: Date) {
    const program = await publishedProgram(t.db)
    await t.db.transaction().execute((trx) =>
      postDebit(trx, {
        memberId,
        ledger: 'points',
        amount: -points,
        kind: 'redeem',
        reason: '测试消费',
        actor: 'member',
        ruleVersion: program.version,
        businessDay: businessDayOf(now, program.rules.calendar),
        occurredAt: now,
        now,
        debit: { from: 'earliest_expiry', respectHeld: true },
      }),
    )
  }
})

/** A refusal with a code is part of the sequence (too few points, a lot not extendable); anything else fails it. */
function refusedOnly(error: unknown): null {
  if (error instanceof AppError) return null
  throw error
}
