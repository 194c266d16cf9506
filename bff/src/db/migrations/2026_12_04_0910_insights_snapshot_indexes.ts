import type { Kysely } from 'kysely'

/**
 * Indexes the nightly insights snapshot reads one day through, so a day costs that day's rows rather than a scan of
 * whole tables: ledger entries by the instant they were posted (a day's flows, and what was posted after it when
 * balances are wound back), orders by the instant they were paid, tier changes, benefit claims and uses and mall
 * redemptions by business day, and points lots by expiry.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('ledger_entries_posted').on('ledger_entries').columns(['created_at']).execute()
  await db.schema.createIndex('orders_paid').on('orders').columns(['paid_at']).execute()
  await db.schema.createIndex('tier_changes_day').on('tier_changes').columns(['business_day']).execute()
  // Covering: next month's expiring points are summed from the index alone (in December that is most lots).
  await db.schema
    .createIndex('ledger_lots_ledger_expiring')
    .on('ledger_lots')
    .columns(['ledger', 'expires_at', 'remaining'])
    .execute()
  await db.schema.createIndex('benefit_claims_day').on('benefit_claims').columns(['business_day']).execute()
  await db.schema.createIndex('benefit_events_day').on('benefit_events').columns(['business_day', 'event']).execute()
  await db.schema.createIndex('mall_redemptions_day').on('mall_redemptions').columns(['business_day']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const index of [
    'mall_redemptions_day',
    'benefit_events_day',
    'benefit_claims_day',
    'ledger_lots_ledger_expiring',
    'tier_changes_day',
    'orders_paid',
    'ledger_entries_posted',
  ])
    await db.schema.dropIndex(index).execute()
}
