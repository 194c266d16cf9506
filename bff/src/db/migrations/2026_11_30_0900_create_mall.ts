import { sql, type Kysely } from 'kysely'

const ts = 'varchar(32)' // ISO 8601 UTC text on both engines
const id = 'varchar(40)'

/**
 * The points mall: items, redemptions and the payment events behind them. The CHECKs are the backstop for
 * what the code promises: stock never below zero, a redemption's money fields whole and non-negative, each
 * out_trade_no, refund number and pickup code used once.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('mall_items')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('title', 'varchar(40)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('images', 'text', (c) => c.notNull())
    .addColumn('points_price', 'integer', (c) => c.notNull().check(sql`points_price > 0`))
    .addColumn('cash_fen', 'integer', (c) => c.notNull().check(sql`cash_fen >= 0`))
    .addColumn('stock', 'integer', (c) => c.notNull().check(sql`stock >= 0`))
    .addColumn('per_member_limit', 'integer', (c) => c.check(sql`per_member_limit > 0`))
    .addColumn('min_tier_key', 'varchar(32)')
    .addColumn('active_from', ts)
    .addColumn('active_until', ts)
    .addColumn('fulfilment', 'varchar(10)', (c) =>
      c.notNull().check(sql`fulfilment in ('coupon', 'delivery', 'pickup')`),
    )
    .addColumn('coupon', 'text')
    .addColumn('on_sale', 'integer', (c) => c.notNull().check(sql`on_sale in (0, 1)`))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('mall_redemptions')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('member_id', id, (c) => c.notNull().references('members.id'))
    .addColumn('item_id', id, (c) => c.notNull().references('mall_items.id'))
    .addColumn('item_title', 'varchar(40)', (c) => c.notNull())
    .addColumn('item_image', 'varchar(512)')
    .addColumn('fulfilment', 'varchar(10)', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity > 0`))
    .addColumn('points_cost', 'integer', (c) => c.notNull().check(sql`points_cost > 0`))
    .addColumn('cash_fen', 'integer', (c) => c.notNull().check(sql`cash_fen >= 0`))
    .addColumn('status', 'varchar(16)', (c) =>
      c.notNull().check(sql`status in ('pending_payment', 'completed', 'expired', 'cancelled', 'refunded')`),
    )
    .addColumn('hold_id', id, (c) => c.references('points_holds.id'))
    .addColumn('claim_id', id, (c) => c.references('benefit_claims.id'))
    .addColumn('out_trade_no', 'varchar(32)', (c) => c.unique())
    .addColumn('transaction_id', 'varchar(64)')
    .addColumn('payment_expires_at', ts)
    .addColumn('paid_at', ts)
    .addColumn('closed_at', ts)
    .addColumn('pickup_code', 'varchar(10)', (c) => c.unique())
    .addColumn('picked_up_at', ts)
    .addColumn('picked_up_by', id)
    .addColumn('delivery', 'text')
    .addColumn('refund_no', 'varchar(32)', (c) => c.unique())
    .addColumn('refund_reason', 'varchar(80)')
    .addColumn('needs_reconciliation', 'integer', (c) =>
      c.notNull().defaultTo(0).check(sql`needs_reconciliation in (0, 1)`),
    )
    .addColumn('business_day', 'varchar(10)', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addCheckConstraint('mall_redemptions_cash_has_trade', sql`cash_fen = 0 or out_trade_no is not null`)
    .execute()
  await db.schema.createIndex('mall_redemptions_member').on('mall_redemptions').columns(['member_id', 'id']).execute()
  await db.schema
    .createIndex('mall_redemptions_limit')
    .on('mall_redemptions')
    .columns(['member_id', 'item_id', 'status'])
    .execute()
  await db.schema
    .createIndex('mall_redemptions_due')
    .on('mall_redemptions')
    .columns(['status', 'payment_expires_at'])
    .execute()

  // What the payment service told us and what we did about it, for reconciliation and alerts.
  await db.schema
    .createTable('payment_events')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('out_trade_no', 'varchar(32)', (c) => c.notNull())
    .addColumn('redemption_id', id)
    .addColumn('event', 'varchar(24)', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('payment_events_trade').on('payment_events').columns(['out_trade_no', 'id']).execute()
  await db.schema.createIndex('points_holds_open').on('points_holds').columns(['member_id', 'status']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('points_holds_open').execute()
  for (const table of ['payment_events', 'mall_redemptions', 'mall_items']) await db.schema.dropTable(table).execute()
}
