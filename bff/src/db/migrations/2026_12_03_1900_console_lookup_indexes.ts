import { sql, type Kysely } from 'kysely'
import { isPostgres } from '../engine'

/**
 * Indexes for the merchant console: member search by the start of a nickname, and today's figures on the home
 * page (joins, sign-ins, ledger entries of one business day) and the redemptions list by status without reading
 * whole tables.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    // Pattern ops let `nickname like 'abc%'` use the index whatever the database collation.
    await sql`create index members_nickname on members (nickname varchar_pattern_ops, id)`.execute(db)
  } else {
    await db.schema.createIndex('members_nickname').on('members').columns(['nickname', 'id']).execute()
  }
  await db.schema.createIndex('members_joined').on('members').columns(['joined_at', 'source_outlet_id']).execute()
  await db.schema.createIndex('sign_ins_day').on('sign_ins').column('business_day').execute()
  // The admin redemptions list by one status, newest first, without sorting every row of that status.
  await db.schema.createIndex('mall_redemptions_status_id').on('mall_redemptions').columns(['status', 'id']).execute()
  await db.schema
    .createIndex('ledger_entries_day')
    .on('ledger_entries')
    .columns(['business_day', 'ledger', 'kind'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const index of [
    'mall_redemptions_status_id',
    'ledger_entries_day',
    'sign_ins_day',
    'members_joined',
    'members_nickname',
  ]) {
    await db.schema.dropIndex(index).execute()
  }
}
