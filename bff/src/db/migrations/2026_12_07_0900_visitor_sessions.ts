import type { Kysely } from 'kysely'

const ts = 'varchar(32)' // ISO 8601 UTC text on both engines

/**
 * A shopper who logged in but has not joined (issue 14): the session lives here, not beside a member row, so a
 * phone or openid that never joins leaves no member behind. Joining moves the token into `sessions` with the
 * same hash and expiry; the daily job drops expired rows by `expires_at`.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('visitor_sessions')
    .addColumn('token_hash', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('phone', 'varchar(32)')
    .addColumn('openid', 'varchar(128)')
    .addColumn('unionid', 'varchar(128)')
    .addColumn('session_key', 'varchar(128)')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('expires_at', ts, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('visitor_sessions_expires_at').on('visitor_sessions').column('expires_at').execute()
  await db.schema.createIndex('visitor_sessions_phone').on('visitor_sessions').column('phone').execute()
  await db.schema.createIndex('visitor_sessions_openid').on('visitor_sessions').column('openid').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('visitor_sessions').execute()
}
