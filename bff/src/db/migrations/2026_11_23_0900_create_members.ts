import { sql, type Kysely } from 'kysely'

const sqlRaw = (expression: string) => sql.raw(expression)
const sqlIn = (column: string, values: string[]) => sql.raw(`${column} IN (${values.map((v) => `'${v}'`).join(', ')})`)

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('outlets')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('members')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('openid', 'varchar(128)', (c) => c.unique())
    .addColumn('unionid', 'varchar(128)')
    .addColumn('phone', 'varchar(20)', (c) => c.unique())
    .addColumn('nickname', 'varchar(32)', (c) => c.notNull())
    .addColumn('joined_at', 'varchar(32)')
    .addColumn('source_outlet_id', 'varchar(64)', (c) => c.references('outlets.id'))
    .addColumn('source_channel', 'varchar(16)', (c) => c.check(sqlIn('source_channel', ['outlet_qr', 'shop'])))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addCheckConstraint('members_identity', sqlRaw('openid IS NOT NULL OR phone IS NOT NULL'))
    .execute()

  await db.schema
    .createTable('sessions')
    .addColumn('token_hash', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('member_id', 'varchar(40)', (c) => c.notNull().references('members.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('revoked_at', 'varchar(32)')
    .execute()
  await db.schema.createIndex('sessions_member').on('sessions').column('member_id').execute()

  await db.schema
    .createTable('wechat_sessions')
    .addColumn('member_id', 'varchar(40)', (c) => c.primaryKey().references('members.id'))
    .addColumn('session_key', 'varchar(128)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('tiers')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(32)', (c) => c.notNull())
    .addColumn('threshold', 'integer', (c) => c.notNull().unique().check(sqlRaw('threshold >= 0')))
    .addColumn('position', 'integer', (c) => c.notNull().unique())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['tiers', 'wechat_sessions', 'sessions', 'members', 'outlets']) {
    await db.schema.dropTable(table).execute()
  }
}
