import type { Kysely } from 'kysely'

/**
 * Which version of the 用户协议 and 隐私政策 each member accepted, and when (issue 16): one row per member, kind
 * and version, written when the member logs in or joins with the consent ticked, or agrees to a newer version in
 * the app's prompt. Rows are kept when a newer version is published, as the record of what was agreed to then.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('legal_acceptances')
    .addColumn('member_id', 'varchar(40)', (c) => c.notNull().references('members.id'))
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('accepted_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('legal_acceptances_pkey', ['member_id', 'kind', 'version'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('legal_acceptances').execute()
}
