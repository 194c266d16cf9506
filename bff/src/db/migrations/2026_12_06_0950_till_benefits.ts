import { sql, type Kysely } from 'kysely'

const ts = 'varchar(32)' // ISO 8601 UTC text on both engines
const id = 'varchar(40)'

/**
 * Benefits at the till and purchase limits (issue 14). Every till purchase gets a row: the receipt before the
 * coupon, the coupon's discount and what was paid, and whether it was posted at once or waits for a store manager's
 * or operator's decision (`pending` has no ledger entries; `approved` was posted when approved; `refused` never).
 * The status-conditioned update from `pending` makes a decision happen once however many arrive at once.
 * `(staff_id, business_day)` is indexed for the per-staff daily total; `till_settings` holds the limits.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('till_purchases')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('order_id', 'varchar(128)', (c) => c.notNull().unique())
    .addColumn('outlet_id', id, (c) => c.notNull())
    .addColumn('staff_id', id, (c) => c.notNull())
    .addColumn('member_id', id, (c) => c.notNull())
    .addColumn('receipt_no', 'varchar(48)', (c) => c.notNull())
    .addColumn('amount_fen', 'integer', (c) => c.notNull().check(sql`amount_fen > 0`))
    .addColumn('discount_fen', 'integer', (c) => c.notNull().check(sql`discount_fen >= 0`))
    .addColumn('paid_fen', 'integer', (c) => c.notNull().check(sql`paid_fen >= 0`))
    .addColumn('coupon_id', id)
    .addColumn('status', 'varchar(16)', (c) =>
      c.notNull().check(sql`status in ('posted', 'pending', 'approved', 'refused')`),
    )
    .addColumn('hold_reason', 'varchar(16)')
    .addColumn('hold_limit_fen', 'integer')
    .addColumn('growth', 'integer', (c) => c.notNull())
    .addColumn('points', 'integer', (c) => c.notNull())
    .addColumn('business_day', 'varchar(10)', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('decided_by', 'varchar(80)')
    .addColumn('decided_at', ts)
    .addColumn('refusal_reason', 'varchar(200)')
    .execute()
  await db.schema
    .createIndex('till_purchases_staff_day')
    .on('till_purchases')
    .columns(['staff_id', 'business_day'])
    .execute()
  await db.schema
    .createIndex('till_purchases_status')
    .on('till_purchases')
    .columns(['status', 'outlet_id', 'created_at'])
    .execute()
  await db.schema
    .createTable('till_settings')
    .addColumn('id', 'varchar(16)', (c) => c.primaryKey())
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'varchar(80)', (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('till_settings').execute()
  await db.schema.dropTable('till_purchases').execute()
}
