import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'

/** Whether a job finished its run for a business day (a run that died has a start but no finish). */
export async function jobRanFor(db: Kysely<Database>, job: string, businessDay: string): Promise<boolean> {
  const run = await db
    .selectFrom('job_runs')
    .select('finished_at')
    .where('job', '=', job)
    .where('business_day', '=', businessDay)
    .executeTakeFirst()
  return Boolean(run?.finished_at)
}

/** Records that a job's run for a business day started; a rerun of the day (resumed or forced) restarts its row. */
export async function jobRunStarted(db: Kysely<Database>, job: string, businessDay: string, now: Date) {
  await db
    .insertInto('job_runs')
    .values({ job, business_day: businessDay, started_at: now.toISOString(), finished_at: null, result: null })
    .onConflict((oc) => oc.columns(['job', 'business_day']).doUpdateSet({ started_at: now.toISOString() }))
    .execute()
}

/** Records the run as finished, with what it did: only then is the day done for `jobRanFor`. */
export async function jobRunFinished(
  db: Kysely<Database>,
  job: string,
  businessDay: string,
  now: Date,
  result: unknown,
) {
  await db
    .updateTable('job_runs')
    .set({ finished_at: now.toISOString(), result: JSON.stringify(result) })
    .where('job', '=', job)
    .where('business_day', '=', businessDay)
    .execute()
}
