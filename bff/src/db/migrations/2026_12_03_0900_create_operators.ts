import { sql, type Kysely } from 'kysely'

const ts = 'varchar(32)' // ISO 8601 UTC text on both engines
const id = 'varchar(40)'

/**
 * The merchant's people (operators with roles) and their sessions, API keys for scripts, and uploaded images.
 * Passwords and keys are stored only as hashes.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('operators')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('login', 'varchar(32)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(32)', (c) => c.notNull())
    .addColumn('role', 'varchar(16)', (c) => c.notNull())
    .addColumn('outlet_id', 'varchar(64)', (c) => c.references('outlets.id'))
    .addColumn('password_hash', 'varchar(200)', (c) => c.notNull())
    .addColumn('must_change_password', 'integer', (c) => c.notNull())
    .addColumn('disabled_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('last_login_at', ts)
    .addCheckConstraint('operators_role', sql`role in ('owner', 'operator', 'analyst', 'store_manager')`)
    .addCheckConstraint('operators_outlet', sql`(role = 'store_manager') = (outlet_id is not null)`)
    .execute()

  await db.schema
    .createTable('operator_sessions')
    .addColumn('token_hash', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('operator_id', id, (c) => c.notNull().references('operators.id'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('expires_at', ts, (c) => c.notNull())
    .addColumn('revoked_at', ts)
    .execute()
  await db.schema.createIndex('operator_sessions_operator').on('operator_sessions').column('operator_id').execute()

  await db.schema
    .createTable('api_keys')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('name', 'varchar(48)', (c) => c.notNull())
    .addColumn('prefix', 'varchar(16)', (c) => c.notNull())
    .addColumn('key_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('permissions', 'text', (c) => c.notNull())
    .addColumn('created_by', id)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('last_used_at', ts)
    .addColumn('revoked_at', ts)
    .execute()

  await db.schema
    .createTable('uploads')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('content_type', 'varchar(32)', (c) => c.notNull())
    .addColumn('byte_size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute()

  // The audit page filters by operator, by action and by date, newest first.
  await db.schema.createIndex('audit_log_created').on('audit_log').columns(['created_at', 'id']).execute()
  await db.schema.createIndex('audit_log_actor').on('audit_log').columns(['actor', 'created_at']).execute()
  await db.schema.createIndex('audit_log_action').on('audit_log').columns(['action', 'created_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const index of ['audit_log_action', 'audit_log_actor', 'audit_log_created']) {
    await db.schema.dropIndex(index).execute()
  }
  for (const table of ['uploads', 'api_keys', 'operator_sessions', 'operators']) {
    await db.schema.dropTable(table).execute()
  }
}
