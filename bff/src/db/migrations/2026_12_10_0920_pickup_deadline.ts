import type { Kysely } from 'kysely'

const ts = 'varchar(32)' // ISO 8601 UTC text on both engines

/**
 * Pickup deadline (issue 16, 自提有效期): a pickup item says how many business days it waits at the store once
 * collectable (30 unless the merchant sets it), and a pickup redemption keeps the last business day to collect
 * and the instant that day ends, from which staff refuse the code. Existing redemptions keep null: no deadline,
 * collectable as before.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('mall_items')
    .addColumn('pickup_days', 'integer', (c) => c.notNull().defaultTo(30))
    .execute()
  await db.schema.alterTable('mall_redemptions').addColumn('pickup_deadline', ts).execute()
  await db.schema.alterTable('mall_redemptions').addColumn('pickup_last_day', 'varchar(10)').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('mall_redemptions').dropColumn('pickup_last_day').execute()
  await db.schema.alterTable('mall_redemptions').dropColumn('pickup_deadline').execute()
  await db.schema.alterTable('mall_items').dropColumn('pickup_days').execute()
}
