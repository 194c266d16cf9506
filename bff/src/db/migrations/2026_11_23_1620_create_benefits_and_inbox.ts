import { PostgresAdapter, sql, type Kysely } from 'kysely'

const ts = 'varchar(32)' // ISO 8601 UTC text on both engines
const id = 'varchar(40)'

/** History tables of this migration: refused UPDATE and DELETE, the same way as the ledgers (2026_11_23_1200). */
const appendOnlyTables = ['benefit_claims', 'benefit_events']

export async function up(db: Kysely<any>): Promise<void> {
  // One row per member, benefit and period: the unique constraint is what makes a claim happen once per period.
  await db.schema
    .createTable('benefit_claims')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('member_id', id, (c) => c.notNull().references('members.id'))
    .addColumn('benefit_key', 'varchar(32)', (c) => c.notNull())
    .addColumn('period_key', 'varchar(16)', (c) => c.notNull())
    .addColumn('tier_key', 'varchar(32)', (c) => c.notNull())
    .addColumn('rule_version', 'integer', (c) => c.notNull())
    .addColumn('business_day', 'varchar(10)', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addUniqueConstraint('benefit_claims_once_per_period', ['member_id', 'benefit_key', 'period_key'])
    .execute()

  await db.schema
    .createTable('coupons')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('code', 'varchar(32)', (c) => c.notNull().unique())
    .addColumn('member_id', id, (c) => c.notNull().references('members.id'))
    .addColumn('benefit_key', 'varchar(32)', (c) => c.notNull())
    .addColumn('claim_id', id, (c) => c.notNull().references('benefit_claims.id'))
    .addColumn('name', 'varchar(32)', (c) => c.notNull())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull().check(sql`kind in ('cash_off', 'free_shipping')`))
    .addColumn('threshold_fen', 'integer', (c) => c.notNull().check(sql`threshold_fen >= 0`))
    .addColumn('discount_fen', 'integer', (c) => c.notNull().check(sql`discount_fen >= 0`))
    .addColumn('status', 'varchar(10)', (c) => c.notNull().check(sql`status in ('available', 'used', 'expired')`))
    .addColumn('valid_from', ts, (c) => c.notNull())
    .addColumn('valid_until', ts, (c) => c.notNull())
    .addColumn('used_at', ts)
    .addColumn('used_order_id', 'varchar(128)')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addCheckConstraint(
      'coupons_used_has_order',
      sql`(status = 'used') = (used_at is not null and used_order_id is not null)`,
    )
    .execute()
  await db.schema.createIndex('coupons_member').on('coupons').columns(['member_id', 'id']).execute()

  await db.schema
    .createTable('benefit_events')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('member_id', id, (c) => c.notNull().references('members.id'))
    .addColumn('benefit_key', 'varchar(32)', (c) => c.notNull())
    .addColumn('event', 'varchar(8)', (c) => c.notNull().check(sql`event in ('claimed', 'used')`))
    .addColumn('coupon_id', id, (c) => c.references('coupons.id'))
    .addColumn('tier_key', 'varchar(32)', (c) => c.notNull())
    .addColumn('amount_fen', 'integer', (c) => c.notNull().check(sql`amount_fen >= 0`))
    .addColumn('order_id', 'varchar(128)')
    .addColumn('business_day', 'varchar(10)', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    // A coupon is issued once and used once; a second event of either kind is a bug the schema refuses.
    .addUniqueConstraint('benefit_events_once_per_coupon', ['coupon_id', 'event'])
    .execute()
  await db.schema
    .createIndex('benefit_events_report')
    .on('benefit_events')
    .columns(['benefit_key', 'event', 'business_day'])
    .execute()
  await db.schema.createIndex('benefit_events_member').on('benefit_events').columns(['member_id', 'id']).execute()

  await db.schema
    .createTable('notifications')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('member_id', id, (c) => c.notNull().references('members.id'))
    .addColumn('kind', 'varchar(32)', (c) => c.notNull())
    .addColumn('title', 'varchar(64)', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    // Rule, member and period: the same notification is written once however often its cause repeats.
    .addColumn('dedupe_key', 'varchar(200)', (c) => c.notNull().unique())
    .addColumn('read_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('notifications_member').on('notifications').columns(['member_id', 'id']).execute()

  await forbidUpdatesAndDeletes(db)
}

async function forbidUpdatesAndDeletes(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter
  if (postgres) {
    await sql`create or replace function mc_refuse_change() returns trigger language plpgsql as $$
      begin raise exception '% is append-only', TG_TABLE_NAME; end $$`.execute(db)
  }
  for (const table of appendOnlyTables) {
    if (postgres) {
      await sql`create trigger ${sql.id(`${table}_append_only`)} before update or delete on ${sql.table(table)}
        for each row execute function mc_refuse_change()`.execute(db)
    } else {
      for (const op of ['update', 'delete']) {
        await sql
          .raw(`create trigger ${table}_no_${op} before ${op} on ${table}
          begin select raise(abort, '${table} is append-only'); end`)
          .execute(db)
      }
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['notifications', 'benefit_events', 'coupons', 'benefit_claims']) {
    await db.schema.dropTable(table).execute()
  }
}
