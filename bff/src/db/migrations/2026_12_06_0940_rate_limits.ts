import type { Kysely } from 'kysely'

const ts = 'varchar(32)' // ISO 8601 UTC text on both engines

/**
 * Abuse limits (issue 14): one counter per bucket (action, and the client address or the account it counts), reset
 * when its window ends. A fixed-window counter is one row updated by one upsert, so every instance on the same
 * database counts into the same row. `resets_at` is indexed for the sweep that drops counters long past.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rate_limits')
    .addColumn('bucket', 'varchar(200)', (c) => c.primaryKey())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .addColumn('resets_at', ts, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('rate_limits_resets_at').on('rate_limits').column('resets_at').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rate_limits').execute()
}
