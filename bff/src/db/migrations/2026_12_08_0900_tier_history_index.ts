import type { Kysely } from 'kysely'

/**
 * Each member's tier history in order, covering what the nightly tier timing and migration matrix read (kind, from
 * and to): both number a member's changes in order, and through the day index they fetched every change of the
 * year from the table at random and sorted them by member (SQLite 18 s and 10 s of a 72 s night at a million
 * members). Read in this index's order, the changes arrive sorted, from the index alone.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('tier_changes_member_history')
    .on('tier_changes')
    .columns(['member_id', 'business_day', 'created_at', 'id', 'kind', 'from_key', 'to_key'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('tier_changes_member_history').execute()
}
