import type { EngagementSettings } from '@mc/shared'
import type { Deps } from '../deps'
import type { Database } from '../db/schema'
import { sql, type Kysely } from 'kysely'
import { deliverRow, type ClaimedRow } from './deliver-outbox-row'
import { readEngagementSettings } from './engagement-settings'

export interface DrainResult {
  sent: number
  retried: number
  failed: number
  skipped: number
}

/** A row 'sending' this long was being sent by a process that died: its outcome is unknown. */
export const staleSendingMs = 10 * 60_000
const claimChunk = 200
const parallelSends = 8
const pushChannels = ['wechat', 'sms'] as const

/**
 * One pass over the outbox, called once a minute by the scheduler under the 'outbox' lease. Each push channel
 * drains on its own (a failing WeChat never holds up SMS), at most its configured `perMinute` rows per call, oldest
 * due first. A row is marked 'sending' and committed before its provider is called, so a process killed mid-send
 * leaves it 'sending'; such rows are failed as 'outcome unknown' rather than sent again (at most once to a phone).
 */
export async function drainOutbox(
  deps: Pick<Deps, 'db' | 'clock' | 'logger' | 'outreach'>,
  now: Date,
  /** The engagement settings when the caller has read them already (the scheduler's pass has). */
  known?: EngagementSettings,
) {
  const { db } = deps
  const result: DrainResult = { sent: 0, retried: 0, failed: 0, skipped: 0 }
  const stale = await db
    .updateTable('outbox')
    .set({ state: 'failed', last_error: 'outcome unknown: the sender stopped mid-send' })
    .where('state', '=', 'sending')
    .where('next_attempt_at', '<', new Date(now.getTime() - staleSendingMs).toISOString())
    .executeTakeFirst()
  result.failed += Number(stale.numUpdatedRows)
  const settings = known ?? (await readEngagementSettings(db))
  await Promise.all(
    pushChannels.map(async (channel) => {
      try {
        let budget = settings[channel].perMinute
        while (budget > 0) {
          const rows = await claimDue(db, channel, now, Math.min(budget, claimChunk))
          if (rows.length === 0) break
          budget -= rows.length
          for (const settled of await inParallel(rows, (row) => deliverRow(db, deps.outreach, settings, row, now)))
            result[settled] += 1
        }
      } catch (err) {
        deps.logger.error({ err, job: 'outbox', channel }, 'outbox drain failed for a channel')
      }
    }),
  )
  return result
}

/**
 * Moves up to `limit` due rows of a channel to 'sending', counting the try and stamping when it began
 * (`next_attempt_at` holds the claim time while sending, which is what the stale check reads).
 */
async function claimDue(db: Kysely<Database>, channel: 'wechat' | 'sms', now: Date, limit: number) {
  const at = now.toISOString()
  const due = await db
    .selectFrom('outbox')
    .select('id')
    .where('state', '=', 'pending')
    .where('channel', '=', channel)
    .where('next_attempt_at', '<=', at)
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(limit)
    .execute()
  if (due.length === 0) return []
  const claimed: ClaimedRow[] = await db
    .updateTable('outbox')
    .set((eb) => ({ state: 'sending', attempts: eb('attempts', '+', 1), next_attempt_at: at }))
    .where(
      'id',
      'in',
      due.map((r) => r.id),
    )
    // `state || ''` keeps SQLite from walking every pending row by the (state, …) index instead of the id list.
    .where(sql<string>`state || ''`, '=', 'pending')
    .returning(['id', 'member_id', 'channel', 'template_id', 'payload', 'page', 'attempts'])
    .execute()
  return claimed.sort((a, b) => (a.id < b.id ? -1 : 1))
}

/** Runs `work` over the rows with a few at a time, keeping each provider's latency from serialising the batch. */
async function inParallel<T>(rows: ClaimedRow[], work: (row: ClaimedRow) => Promise<T>): Promise<T[]> {
  const results: T[] = []
  for (let i = 0; i < rows.length; i += parallelSends)
    results.push(...(await Promise.all(rows.slice(i, i + parallelSends).map(work))))
  return results
}
