import { sql, type Kysely } from 'kysely'

/**
 * Indexes for the daily journeys' due-finders (issue 13), so a run over a million members reads only what is due.
 * Birthday: the members of one birthday month, by the month part of `birthday` ('YYYY-MM-DD'); the finder's
 * `substr(birthday, 6, 2) = ?` is the same expression on both engines, so both use it. The journeys list counts each
 * journey's decisions of the last 30 days by business day, and the results read them by day too.
 * The other finders use indexes that exist: member_tiers_valid_until (retention), ledger_lots_ledger_expiring (points),
 * orders_paid and orders_member_paid (win-back), ledger_entries_day and tier_changes_day (near next),
 * engagement_sends_member (near next's cooldown).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('members_birthday_month').on('members').expression(sql`substr(birthday, 6, 2)`).execute()
  await db.schema
    .createIndex('engagement_sends_day')
    .on('engagement_sends')
    .columns(['source_type', 'business_day', 'source_id', 'outcome'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('engagement_sends_day').execute()
  await db.schema.dropIndex('members_birthday_month').execute()
}
