import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'

/**
 * A lease in the database so several BFF instances never run one job at once: the holder may renew it, anyone
 * may take it once it has lapsed. The upsert is a single statement, so two instances cannot both win.
 */
export async function acquireLease(
  db: Kysely<Database>,
  job: string,
  holder: string,
  now: Date,
  ttlMs: number,
): Promise<boolean> {
  const leaseUntil = new Date(now.getTime() + ttlMs).toISOString()
  const result = await db
    .insertInto('job_leases')
    .values({ job, holder, lease_until: leaseUntil })
    .onConflict((oc) =>
      oc
        .column('job')
        .doUpdateSet({ holder, lease_until: leaseUntil })
        .where((eb) =>
          eb.or([eb('job_leases.lease_until', '<', now.toISOString()), eb('job_leases.holder', '=', holder)]),
        ),
    )
    .executeTakeFirst()
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0
}

export async function releaseLease(db: Kysely<Database>, job: string, holder: string): Promise<void> {
  await db.deleteFrom('job_leases').where('job', '=', job).where('holder', '=', holder).execute()
}
