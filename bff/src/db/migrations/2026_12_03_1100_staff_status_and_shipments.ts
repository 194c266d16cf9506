import type { Kysely } from 'kysely'

const ts = 'varchar(32)' // ISO 8601 UTC text on both engines

/**
 * Merchant operations: a staff account can be disabled (it cannot log in and its sessions end), a delivery
 * redemption records its carrier and tracking number once, and a payment event that needed a person records
 * who resolved it and how.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('staff').addColumn('disabled_at', ts).execute()

  await db.schema.alterTable('mall_redemptions').addColumn('shipped_at', ts).execute()
  await db.schema.alterTable('mall_redemptions').addColumn('shipping_carrier', 'varchar(32)').execute()
  await db.schema.alterTable('mall_redemptions').addColumn('tracking_no', 'varchar(40)').execute()
  await db.schema.alterTable('mall_redemptions').addColumn('shipped_by', 'varchar(64)').execute()
  // The admin list filters by status (and "to ship": completed delivery items not yet shipped), newest first.
  await db.schema
    .createIndex('mall_redemptions_status')
    .on('mall_redemptions')
    .columns(['status', 'fulfilment', 'shipped_at', 'id'])
    .execute()
  await db.schema
    .createIndex('mall_redemptions_reconciliation')
    .on('mall_redemptions')
    .columns(['needs_reconciliation', 'id'])
    .execute()

  await db.schema.alterTable('payment_events').addColumn('resolved_at', ts).execute()
  await db.schema.alterTable('payment_events').addColumn('resolved_by', 'varchar(64)').execute()
  await db.schema.alterTable('payment_events').addColumn('resolution_note', 'varchar(200)').execute()
  await db.schema.createIndex('payment_events_event').on('payment_events').columns(['event', 'id']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const index of ['payment_events_event', 'mall_redemptions_reconciliation', 'mall_redemptions_status']) {
    await db.schema.dropIndex(index).execute()
  }
  for (const column of ['resolution_note', 'resolved_by', 'resolved_at']) {
    await db.schema.alterTable('payment_events').dropColumn(column).execute()
  }
  for (const column of ['shipped_by', 'tracking_no', 'shipping_carrier', 'shipped_at']) {
    await db.schema.alterTable('mall_redemptions').dropColumn(column).execute()
  }
  await db.schema.alterTable('staff').dropColumn('disabled_at').execute()
}
