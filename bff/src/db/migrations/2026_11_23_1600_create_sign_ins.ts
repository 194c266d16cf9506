import { PostgresAdapter, sql, type Kysely } from 'kysely'

/**
 * One row per member per business day they signed in (or made up). The primary key is what makes a second
 * sign-in on the same day impossible: two racing requests both try the insert and the database keeps one.
 * Rows are history, so the database refuses UPDATE and DELETE, as for the ledgers.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sign_ins')
    .addColumn('member_id', 'varchar(40)', (c) => c.notNull().references('members.id'))
    .addColumn('business_day', 'varchar(10)', (c) => c.notNull())
    .addColumn('kind', 'varchar(8)', (c) => c.notNull().check(sql`kind in ('daily', 'make_up')`))
    .addColumn('cycle_day', 'integer', (c) => c.notNull().check(sql`cycle_day >= 1`))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('sign_ins_pk', ['member_id', 'business_day'])
    .execute()

  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    // mc_refuse_change() comes with the ledgers migration.
    await sql`create trigger sign_ins_append_only before update or delete on sign_ins
      for each row execute function mc_refuse_change()`.execute(db)
  } else {
    for (const op of ['update', 'delete']) {
      await sql
        .raw(`create trigger sign_ins_no_${op} before ${op} on sign_ins
        begin select raise(abort, 'sign_ins is append-only'); end`)
        .execute(db)
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sign_ins').execute()
}
