import type { Transaction } from 'kysely'
import type { Database } from '../db/schema'
import type { Deps } from '../deps'
import { runIdempotent } from '../http/idempotency'
import { publishedProgram, type PublishedProgram } from '../program/published-program'

/** What an admin write is given: its transaction, the rules in force, the time, its key and who asked. */
export interface AdminWrite {
  trx: Transaction<Database>
  program: PublishedProgram
  now: Date
  idempotencyKey: string
  /** Who asked, as the audit log records it (`c.var.principal.actor`). */
  actor: string
}

/**
 * Runs an admin change once per Idempotency-Key: the first request writes and answers 201; the same request
 * again answers the same body with 200; another request under the key is a 409 (see `runIdempotent`).
 */
export async function idempotentAdminWrite<T>(
  deps: Deps,
  request: { scope: string; key: string; body: unknown; actor: string },
  write: (context: AdminWrite) => Promise<T>,
) {
  const now = deps.clock.now()
  const { actor, ...idempotent } = request
  const result = await runIdempotent(deps.db, { ...idempotent, now }, async (trx) => {
    const program = await publishedProgram(trx)
    return { status: 201, body: await write({ trx, program, now, idempotencyKey: request.key, actor }) }
  })
  return { body: result.body, status: result.replayed ? (200 as const) : (201 as const) }
}
