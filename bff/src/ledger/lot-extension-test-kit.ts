import { earn } from '../earning/earn'
import { publishedProgram } from '../program/published-program'
import type { TestApp } from '../test/test-app'

/** Credits `points` to the member through the one earning door, as a lot lapsing at `expiresAt`; returns its id. */
export async function pointsLot(t: TestApp, memberId: string, points: number, expiresAt: string | null) {
  const program = await publishedProgram(t.db)
  const now = t.clock.now()
  const { entries } = await t.db.transaction().execute((trx) =>
    earn(trx, {
      credits: [
        {
          memberId,
          ledger: 'points',
          amount: points,
          kind: 'task',
          reason: '测试任务奖励',
          actor: 'system',
          idempotencyKey: `test-lot:${memberId}:${now.getTime()}:${points}:${expiresAt}`,
          expiresAt,
        },
      ],
      program,
      now,
    }),
  )
  return entries[0].lot_id!
}

/** Everything an extension request could write, so a refusal can be shown to have written nothing. */
export async function extensionFootprint(t: TestApp, memberId: string) {
  const [entries, lots, extensions, account] = await Promise.all([
    t.db.selectFrom('ledger_entries').select(['id']).where('member_id', '=', memberId).execute(),
    t.db
      .selectFrom('ledger_lots')
      .select(['id', 'remaining', 'expires_at'])
      .where('member_id', '=', memberId)
      .orderBy('id')
      .execute(),
    t.db.selectFrom('points_lot_extensions').select(['id']).where('member_id', '=', memberId).execute(),
    t.db.selectFrom('ledger_accounts').selectAll().where('member_id', '=', memberId).orderBy('ledger').execute(),
  ])
  return { entries: entries.length, lots, extensions: extensions.length, account }
}

/** POSTs the extension of one lot as the member. */
export const extendRequest = (t: TestApp, token: string, lotId: string) =>
  t.json('POST', `/api/me/points/lots/${lotId}/extension`, undefined, token)
