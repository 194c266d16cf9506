import { PostgresAdapter, sql, type Kysely } from 'kysely'

const ts = 'varchar(32)' // ISO 8601 UTC text on both engines
const id = 'varchar(40)'

/** Tables whose rows are history: the database refuses UPDATE and DELETE on them, as a backstop to the code. */
const appendOnlyTables = ['ledger_entries', 'tier_changes', 'audit_log']

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('members').addColumn('birthday', 'varchar(10)').execute()
  // The tier ladder now lives in the versioned program rules.
  await db.schema.dropTable('tiers').execute()

  await db.schema
    .createTable('program_versions')
    .addColumn('version', 'integer', (c) => c.primaryKey())
    .addColumn('rules', 'text', (c) => c.notNull())
    .addColumn('template', 'varchar(32)')
    .addColumn('note', 'varchar(200)')
    .addColumn('published_by', 'varchar(64)', (c) => c.notNull())
    .addColumn('published_at', ts, (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('ledger_accounts')
    .addColumn('member_id', id, (c) => c.notNull().references('members.id'))
    .addColumn('ledger', 'varchar(8)', (c) => c.notNull().check(sql`ledger in ('growth', 'points')`))
    .addColumn('balance', 'integer', (c) => c.notNull())
    .addColumn('held', 'integer', (c) => c.notNull().check(sql`held >= 0`))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_accounts_pk', ['member_id', 'ledger'])
    // Only points may go below zero, and only through a refund clawback (checked in code).
    .addCheckConstraint('ledger_accounts_growth_not_negative', sql`ledger = 'points' or balance >= 0`)
    .execute()

  await db.schema
    .createTable('ledger_entries')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('member_id', id, (c) => c.notNull().references('members.id'))
    .addColumn('ledger', 'varchar(8)', (c) => c.notNull().check(sql`ledger in ('growth', 'points')`))
    .addColumn('amount', 'integer', (c) => c.notNull().check(sql`amount <> 0`))
    .addColumn('kind', 'varchar(24)', (c) => c.notNull())
    .addColumn('reason', 'varchar(200)', (c) => c.notNull())
    .addColumn('actor', 'varchar(8)', (c) => c.notNull().check(sql`actor in ('member', 'staff', 'system', 'admin')`))
    .addColumn('actor_id', 'varchar(64)')
    .addColumn('ref_type', 'varchar(24)')
    .addColumn('ref_id', 'varchar(128)')
    .addColumn('idempotency_key', 'varchar(200)')
    .addColumn('reverses_entry_id', id, (c) => c.unique().references('ledger_entries.id'))
    .addColumn('corrects_entry_id', id, (c) => c.references('ledger_entries.id'))
    .addColumn('lot_id', id)
    .addColumn('rule_version', 'integer', (c) => c.notNull())
    .addColumn('balance_after', 'integer', (c) => c.notNull())
    .addColumn('account_version', 'integer', (c) => c.notNull())
    .addColumn('business_day', 'varchar(10)', (c) => c.notNull())
    .addColumn('occurred_at', ts, (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addUniqueConstraint('ledger_entries_idempotency', ['ledger', 'idempotency_key'])
    // Two writers that read the same account version cannot both append: the lost update is impossible by schema.
    .addUniqueConstraint('ledger_entries_account_version', ['member_id', 'ledger', 'account_version'])
    .execute()
  await db.schema
    .createIndex('ledger_entries_member_history')
    .on('ledger_entries')
    .columns(['member_id', 'ledger', 'id'])
    .execute()
  await db.schema.createIndex('ledger_entries_ref').on('ledger_entries').columns(['ref_type', 'ref_id']).execute()

  await db.schema
    .createTable('ledger_lots')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('member_id', id, (c) => c.notNull().references('members.id'))
    .addColumn('ledger', 'varchar(8)', (c) => c.notNull())
    .addColumn('entry_id', id, (c) => c.notNull().unique().references('ledger_entries.id'))
    .addColumn('amount', 'integer', (c) => c.notNull().check(sql`amount > 0`))
    .addColumn('remaining', 'integer', (c) => c.notNull())
    .addColumn('expires_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addCheckConstraint('ledger_lots_remaining', sql`remaining >= 0 and remaining <= amount`)
    .execute()
  await db.schema
    .createIndex('ledger_lots_member')
    .on('ledger_lots')
    .columns(['member_id', 'ledger', 'expires_at'])
    .execute()
  await db.schema.createIndex('ledger_lots_expiring').on('ledger_lots').columns(['expires_at', 'remaining']).execute()

  await db.schema
    .createTable('points_holds')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('member_id', id, (c) => c.notNull().references('members.id'))
    .addColumn('points', 'integer', (c) => c.notNull().check(sql`points > 0`))
    .addColumn('status', 'varchar(10)', (c) => c.notNull().check(sql`status in ('held', 'captured', 'released')`))
    .addColumn('ref_type', 'varchar(24)', (c) => c.notNull())
    .addColumn('ref_id', 'varchar(128)', (c) => c.notNull())
    .addColumn('expires_at', ts, (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('settled_at', ts)
    .addUniqueConstraint('points_holds_ref', ['ref_type', 'ref_id'])
    .execute()

  await db.schema
    .createTable('member_tiers')
    .addColumn('member_id', id, (c) => c.primaryKey().references('members.id'))
    .addColumn('tier_key', 'varchar(32)', (c) => c.notNull())
    .addColumn('valid_until', 'varchar(10)')
    .addColumn('since', ts, (c) => c.notNull())
    .addColumn('rule_version', 'integer', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('member_tiers_valid_until').on('member_tiers').column('valid_until').execute()

  await db.schema
    .createTable('tier_changes')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('member_id', id, (c) => c.notNull().references('members.id'))
    .addColumn('kind', 'varchar(10)', (c) => c.notNull().check(sql`kind in ('join', 'upgrade', 'retain', 'downgrade')`))
    .addColumn('from_key', 'varchar(32)')
    .addColumn('to_key', 'varchar(32)', (c) => c.notNull())
    .addColumn('valid_until', 'varchar(10)')
    .addColumn('growth', 'integer', (c) => c.notNull())
    .addColumn('business_day', 'varchar(10)', (c) => c.notNull())
    .addColumn('rule_version', 'integer', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('tier_changes_member').on('tier_changes').columns(['member_id', 'id']).execute()

  await db.schema
    .createTable('orders')
    .addColumn('order_id', 'varchar(128)', (c) => c.primaryKey())
    .addColumn('member_id', id, (c) => c.notNull().references('members.id'))
    .addColumn('status', 'varchar(10)', (c) => c.notNull().check(sql`status in ('paid', 'completed')`))
    .addColumn('paid_fen', 'integer', (c) => c.notNull().check(sql`paid_fen >= 0`))
    .addColumn('refunded_fen', 'integer', (c) => c.notNull().check(sql`refunded_fen >= 0`))
    .addColumn('growth_earned', 'integer', (c) => c.notNull())
    .addColumn('points_earned', 'integer', (c) => c.notNull())
    .addColumn('growth_credited', 'integer', (c) => c.notNull())
    .addColumn('points_credited', 'integer', (c) => c.notNull())
    .addColumn('growth_entry_id', id)
    .addColumn('points_entry_id', id)
    .addColumn('rule_version', 'integer', (c) => c.notNull())
    .addColumn('outlet_id', 'varchar(64)')
    .addColumn('source', 'varchar(10)', (c) => c.notNull())
    .addColumn('paid_at', ts, (c) => c.notNull())
    .addColumn('completed_at', ts)
    .execute()
  await db.schema.createIndex('orders_member').on('orders').columns(['member_id', 'status']).execute()

  await db.schema
    .createTable('order_refunds')
    .addColumn('order_id', 'varchar(128)', (c) => c.notNull().references('orders.order_id'))
    .addColumn('refund_id', 'varchar(128)', (c) => c.notNull())
    .addColumn('amount_fen', 'integer', (c) => c.notNull())
    .addColumn('applied_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('order_refunds_pk', ['order_id', 'refund_id'])
    .execute()

  // Events that came before the payment they depend on; applied, in arrival order, when it comes.
  await db.schema
    .createTable('parked_order_events')
    .addColumn('event_id', 'varchar(128)', (c) => c.primaryKey())
    .addColumn('order_id', 'varchar(128)', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('received_at', ts, (c) => c.notNull())
    .addColumn('applied_at', ts)
    .execute()
  await db.schema
    .createIndex('parked_order_events_order')
    .on('parked_order_events')
    .columns(['order_id', 'applied_at'])
    .execute()

  await db.schema
    .createTable('idempotency_records')
    .addColumn('scope', 'varchar(32)', (c) => c.notNull())
    .addColumn('key', 'varchar(200)', (c) => c.notNull())
    .addColumn('request_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('request_body', 'text', (c) => c.notNull())
    .addColumn('response_status', 'integer')
    .addColumn('response_body', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_records_pk', ['scope', 'key'])
    .execute()

  await db.schema
    .createTable('job_runs')
    .addColumn('job', 'varchar(32)', (c) => c.notNull())
    .addColumn('business_day', 'varchar(10)', (c) => c.notNull())
    .addColumn('started_at', ts, (c) => c.notNull())
    .addColumn('finished_at', ts)
    .addColumn('result', 'text')
    .addPrimaryKeyConstraint('job_runs_pk', ['job', 'business_day'])
    .execute()

  await db.schema
    .createTable('job_leases')
    .addColumn('job', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('holder', 'varchar(64)', (c) => c.notNull())
    .addColumn('lease_until', ts, (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('audit_log')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('actor', 'varchar(64)', (c) => c.notNull())
    .addColumn('action', 'varchar(64)', (c) => c.notNull())
    .addColumn('target_type', 'varchar(32)', (c) => c.notNull())
    .addColumn('target_id', 'varchar(128)', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute()

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
  for (const table of [
    'audit_log',
    'job_leases',
    'job_runs',
    'idempotency_records',
    'parked_order_events',
    'order_refunds',
    'orders',
    'tier_changes',
    'member_tiers',
    'points_holds',
    'ledger_lots',
    'ledger_entries',
    'ledger_accounts',
    'program_versions',
  ]) {
    await db.schema.dropTable(table).execute()
  }
  await db.schema.alterTable('members').dropColumn('birthday').execute()
}
