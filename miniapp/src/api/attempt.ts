import { failureOf, type ApiFailure } from './failure'
import { sessionGeneration } from './session'

/** What a store does around one request: mark it started, then take the answer or the failure. */
export interface AttemptSteps<T> {
  started(): void
  done(result: T): void
  failed(failure: ApiFailure, error: unknown): void
  /**
   * False for calls that do not belong to the member session (the staff till); their answers are kept
   * whoever logs in meanwhile. True by default.
   */
  memberBound?: boolean
}

/**
 * Runs `request` for a store and resolves to its answer, or null on failure. When the member session changed
 * while it ran, the answer (or failure) belongs to the previous member: the stores have reset, so it is dropped.
 */
export async function attempt<T>(request: () => Promise<T>, steps: AttemptSteps<T>): Promise<T | null> {
  const generation = sessionGeneration()
  const current = () => steps.memberBound === false || sessionGeneration() === generation
  steps.started()
  try {
    const result = await request()
    if (!current()) return null
    steps.done(result)
    return result
  } catch (error) {
    if (current()) steps.failed(failureOf(error), error)
    return null
  }
}
