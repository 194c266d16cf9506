import { PostgresAdapter, sql, type Kysely } from 'kysely'

const ts = 'varchar(32)' // ISO 8601 UTC text on both engines
const id = 'varchar(40)'

/**
 * Extending a points lot by points (issue 14). Each extension is one append-only row: the lot, the spend entry that
 * paid for it, and the expiry before and after. The lot's `expires_at` is the materialized current expiry, the way
 * an account's balance materializes its entries: it is moved in the same transaction, and a trigger refuses any
 * other change of it, so a lot's expiry can only ever move through a recorded extension. The unique lot id makes
 * an extension once per lot whatever the application does.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter
  await db.schema
    .createTable('points_lot_extensions')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('lot_id', id, (c) => c.notNull().unique().references('ledger_lots.id'))
    .addColumn('member_id', id, (c) => c.notNull().references('members.id'))
    .addColumn('entry_id', id, (c) => c.notNull().unique().references('ledger_entries.id'))
    .addColumn('cost_points', 'integer', (c) => c.notNull().check(sql`cost_points > 0`))
    .addColumn('extend_days', 'integer', (c) => c.notNull().check(sql`extend_days > 0`))
    .addColumn('expires_at_before', ts, (c) => c.notNull())
    .addColumn('expires_at_after', ts, (c) => c.notNull())
    .addColumn('rule_version', 'integer', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addCheckConstraint('points_lot_extensions_later', sql`expires_at_after > expires_at_before`)
    .execute()
  await db.schema
    .createIndex('points_lot_extensions_member')
    .on('points_lot_extensions')
    .columns(['member_id', 'created_at'])
    .execute()

  if (postgres) {
    // mc_refuse_change is the append-only guard of the first ledger migration.
    await sql`create trigger points_lot_extensions_append_only before update or delete on points_lot_extensions
      for each row execute function mc_refuse_change()`.execute(db)
    await sql`create or replace function mc_lot_expiry_moves_by_extension() returns trigger language plpgsql as $$
      begin
        if new.expires_at is distinct from old.expires_at and not exists (
          select 1 from points_lot_extensions x
          where x.lot_id = new.id and x.expires_at_before = old.expires_at and x.expires_at_after = new.expires_at
        ) then
          raise exception 'ledger_lots.expires_at moves only through a points_lot_extensions row';
        end if;
        return new;
      end $$`.execute(db)
    await sql`create trigger ledger_lots_expiry_by_extension before update of expires_at on ledger_lots
      for each row execute function mc_lot_expiry_moves_by_extension()`.execute(db)
  } else {
    for (const op of ['update', 'delete']) {
      await sql
        .raw(`create trigger points_lot_extensions_no_${op} before ${op} on points_lot_extensions
          begin select raise(abort, 'points_lot_extensions is append-only'); end`)
        .execute(db)
    }
    await sql`create trigger ledger_lots_expiry_by_extension before update of expires_at on ledger_lots
      when new.expires_at is not old.expires_at and not exists (
        select 1 from points_lot_extensions x
        where x.lot_id = new.id and x.expires_at_before = old.expires_at and x.expires_at_after = new.expires_at
      )
      begin select raise(abort, 'ledger_lots.expires_at moves only through a points_lot_extensions row'); end`.execute(
      db,
    )
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter
  if (postgres) {
    await sql`drop trigger if exists ledger_lots_expiry_by_extension on ledger_lots`.execute(db)
    await sql`drop function if exists mc_lot_expiry_moves_by_extension()`.execute(db)
  } else {
    await sql`drop trigger if exists ledger_lots_expiry_by_extension`.execute(db)
  }
  await db.schema.dropTable('points_lot_extensions').execute()
}
