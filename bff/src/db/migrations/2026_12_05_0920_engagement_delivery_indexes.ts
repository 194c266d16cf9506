import type { Kysely } from 'kysely'

/**
 * Indexes for delivering engagement messages at a million members (issue 13), each replacing a scan of a table that
 * grows with every message ever sent:
 * - outbox (member_id, channel, state): the WeChat messages already queued for a member, which `enqueueMessages`
 *   subtracts from the member's unused one-time subscriptions (the only outbox index was the drain's, by state);
 * - wechat_subscriptions (outbox_id): the subscription a WeChat row spent, read and released by the drain per row;
 * - coupons (claim_id, id): a claim's coupons, read by the redemption views and refunds and by campaign results;
 * - outbox (state, channel, next_attempt_at, id) in place of outbox_due (the same without id): the drain takes the
 *   oldest due rows `order by next_attempt_at, id`, and a campaign queues a million rows with one next_attempt_at,
 *   which without id in the index were all sorted to find the first 200.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('outbox_member').on('outbox').columns(['member_id', 'channel', 'state']).execute()
  await db.schema.createIndex('wechat_subscriptions_outbox').on('wechat_subscriptions').column('outbox_id').execute()
  await db.schema.createIndex('coupons_claim').on('coupons').columns(['claim_id', 'id']).execute()
  await db.schema
    .createIndex('outbox_due_order')
    .on('outbox')
    .columns(['state', 'channel', 'next_attempt_at', 'id'])
    .execute()
  await db.schema.dropIndex('outbox_due').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('outbox_due').on('outbox').columns(['state', 'channel', 'next_attempt_at']).execute()
  await db.schema.dropIndex('outbox_due_order').execute()
  await db.schema.dropIndex('coupons_claim').execute()
  await db.schema.dropIndex('wechat_subscriptions_outbox').execute()
  await db.schema.dropIndex('outbox_member').execute()
}
