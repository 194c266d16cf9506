import { AppError, ProgramRules, simulateProgram, type SimulationResult } from '@mc/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import { collectMemberReplays } from './member-replays'
import { findDraft } from './program-drafts'
import { publishedProgram } from './published-program'

/** Replays every member under a draft and predicts what publishing it would do; writes nothing. */
export async function simulateDraft(db: Kysely<Database>, draftId: string, now: Date): Promise<SimulationResult & { elapsedMs: number }> {
  const startedMs = performance.now()
  const row = await findDraft(db, draftId)
  const parsed = ProgramRules.safeParse(JSON.parse(row.rules))
  if (!parsed.success) {
    throw new AppError('DRAFT_INVALID', { issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) })
  }
  const current = await publishedProgram(db)
  const result = simulateProgram(current.rules, parsed.data, await collectMemberReplays(db, parsed.data, now))
  return { ...result, elapsedMs: Math.round(performance.now() - startedMs) }
}
