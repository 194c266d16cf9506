import type { Kysely } from 'kysely'

const ts = 'varchar(32)' // ISO 8601 UTC text on both engines

/**
 * Pickup at a chosen store (issue 16): a store carries what a shopper needs to find it (address, opening hours,
 * phone) and whether it still takes pickups (`closed_at`), and a pickup redemption names the store the shopper
 * chose, so only that store's staff hand the item over. Existing redemptions keep a null store: any store may
 * hand them over, as before.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outlets').addColumn('address', 'varchar(120)').execute()
  await db.schema.alterTable('outlets').addColumn('opening_hours', 'varchar(60)').execute()
  await db.schema.alterTable('outlets').addColumn('phone', 'varchar(20)').execute()
  await db.schema.alterTable('outlets').addColumn('closed_at', ts).execute()
  await db.schema
    .alterTable('mall_redemptions')
    .addColumn('pickup_outlet_id', 'varchar(64)', (c) => c.references('outlets.id'))
    .execute()
  // "Last used store" reads the member's newest redemption that named one.
  await db.schema
    .createIndex('mall_redemptions_member_pickup')
    .on('mall_redemptions')
    .columns(['member_id', 'pickup_outlet_id', 'id'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('mall_redemptions_member_pickup').execute()
  await db.schema.alterTable('mall_redemptions').dropColumn('pickup_outlet_id').execute()
  for (const column of ['closed_at', 'phone', 'opening_hours', 'address']) {
    await db.schema.alterTable('outlets').dropColumn(column).execute()
  }
}
