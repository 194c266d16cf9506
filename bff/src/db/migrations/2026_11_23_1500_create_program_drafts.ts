import type { Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('program_drafts')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('rules', 'text', (c) => c.notNull())
    .addColumn('base_version', 'integer')
    .addColumn('template', 'varchar(32)')
    .addColumn('status', 'varchar(10)', (c) => c.notNull())
    .addColumn('published_version', 'integer')
    .addColumn('created_by', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute()
  await db.schema.alterTable('program_versions').addColumn('demotions', 'varchar(24)').execute()
  await db.schema.alterTable('program_versions').addColumn('source', 'varchar(64)').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('program_versions').dropColumn('source').execute()
  await db.schema.alterTable('program_versions').dropColumn('demotions').execute()
  await db.schema.dropTable('program_drafts').execute()
}
