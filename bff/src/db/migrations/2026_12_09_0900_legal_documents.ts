import type { Kysely } from 'kysely'

/**
 * The merchant's 用户协议 and 隐私政策 (issue 16), one row per document once the merchant has saved it; until then
 * the BFF serves the install's default text as version 1. `version` grows by one with each save, so a member's
 * acceptance can name the text they saw.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('legal_documents')
    .addColumn('kind', 'varchar(16)', (c) => c.primaryKey())
    .addColumn('title', 'varchar(40)', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'varchar(64)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('legal_documents').execute()
}
