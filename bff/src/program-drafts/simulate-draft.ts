import { simulateProgram, type DraftSimulation } from '@mc/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import { collectMemberReplays } from './member-replays'
import { findDraft, validDraftRules } from './program-drafts'
import { publishedProgram } from '../program/published-program'

/** Replays every member under a draft and predicts what publishing it would do; writes nothing. */
export async function simulateDraft(db: Kysely<Database>, draftId: string, now: Date): Promise<DraftSimulation> {
  const startedMs = performance.now()
  const row = await findDraft(db, draftId)
  const draft = validDraftRules(JSON.parse(row.rules))
  const current = await publishedProgram(db)
  const result = simulateProgram(current.rules, draft, await collectMemberReplays(db, draft, now))
  return { ...result, elapsedMs: Math.round(performance.now() - startedMs) }
}
