import { sql, type Kysely } from 'kysely'

const ts = 'varchar(32)' // ISO 8601 UTC text on both engines
const id = 'varchar(40)'
const day = 'varchar(10)'

/**
 * Engagement (issue 13): the merchant's journey and channel settings, saved segments and campaigns, one decision row
 * per (source, member, period) whose unique dedupe key makes every journey and campaign fire once however many runners
 * or retries there are, and the outbox every message to every channel goes through. WeChat one-time subscriptions are
 * a budget the member grants, one row per acceptance; the access token is kept here so every instance shares one.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('notifications').addColumn('page', 'varchar(200)').execute()

  await db.schema
    .createTable('engagement_settings')
    .addColumn('id', 'varchar(16)', (c) => c.primaryKey())
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'varchar(64)', (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('segments')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('name', 'varchar(40)', (c) => c.notNull())
    .addColumn('filter', 'text', (c) => c.notNull())
    .addColumn('created_by', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('archived_at', ts)
    .execute()

  await db.schema
    .createTable('campaigns')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('name', 'varchar(40)', (c) => c.notNull())
    .addColumn('segment_id', id, (c) => c.notNull().references('segments.id'))
    .addColumn('category', 'varchar(16)', (c) => c.notNull())
    .addColumn('variants', 'text', (c) => c.notNull())
    .addColumn('holdout_percent', 'integer', (c) => c.notNull().check(sql`holdout_percent between 0 and 50`))
    .addColumn('budget_coupons', 'integer')
    .addColumn('stop_at_budget', 'integer', (c) => c.notNull())
    .addColumn('status', 'varchar(10)', (c) =>
      c.notNull().check(sql`status in ('scheduled', 'sending', 'done', 'cancelled')`),
    )
    .addColumn('scheduled_at', ts, (c) => c.notNull())
    // The plan walks the segment in member id order; this is the last member planned, so a killed run resumes here.
    .addColumn('planned_through', id)
    .addColumn('targeted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('coupons_issued', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('started_at', ts)
    .addColumn('finished_at', ts)
    .addCheckConstraint('campaigns_budget_kept', sql`budget_coupons is null or coupons_issued <= budget_coupons`)
    .execute()
  await db.schema.createIndex('campaigns_due').on('campaigns').columns(['status', 'scheduled_at']).execute()

  // One row per decision: sent, held out ("would have been sent"), capped by the weekly frequency cap, or over the
  // campaign's coupon budget. Append-only in spirit: nothing but these inserts writes it.
  await db.schema
    .createTable('engagement_sends')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('source_type', 'varchar(10)', (c) => c.notNull().check(sql`source_type in ('journey', 'campaign')`))
    .addColumn('source_id', id, (c) => c.notNull())
    .addColumn('member_id', id, (c) => c.notNull().references('members.id'))
    .addColumn('period', 'varchar(40)', (c) => c.notNull())
    .addColumn('dedupe_key', 'varchar(160)', (c) => c.notNull().unique())
    .addColumn('arm', 'varchar(8)', (c) => c.notNull().check(sql`arm in ('holdout', 'A', 'B')`))
    .addColumn('outcome', 'varchar(12)', (c) =>
      c.notNull().check(sql`outcome in ('sent', 'holdout', 'capped', 'over_budget')`),
    )
    .addColumn('business_day', day, (c) => c.notNull())
    .addColumn('decided_at', ts, (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('engagement_sends_member')
    .on('engagement_sends')
    .columns(['member_id', 'decided_at'])
    .execute()
  await db.schema
    .createIndex('engagement_sends_source')
    .on('engagement_sends')
    .columns(['source_type', 'source_id', 'arm', 'member_id'])
    .execute()

  await db.schema
    .createTable('outbox')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('send_id', id, (c) => c.notNull().references('engagement_sends.id'))
    .addColumn('member_id', id, (c) => c.notNull().references('members.id'))
    .addColumn('channel', 'varchar(8)', (c) => c.notNull().check(sql`channel in ('inbox', 'wechat', 'sms')`))
    .addColumn('category', 'varchar(16)', (c) => c.notNull())
    .addColumn('title', 'varchar(64)', (c) => c.notNull())
    .addColumn('body', 'varchar(500)', (c) => c.notNull())
    .addColumn('page', 'varchar(200)')
    .addColumn('template_id', 'varchar(64)')
    // The rendered template data (WeChat fields or SMS params) as JSON, fixed when the message was decided.
    .addColumn('payload', 'text')
    .addColumn('state', 'varchar(8)', (c) =>
      c.notNull().check(sql`state in ('pending', 'sending', 'sent', 'failed', 'skipped')`),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', ts)
    .addColumn('last_error', 'varchar(300)')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('sent_at', ts)
    .addUniqueConstraint('outbox_once_per_channel', ['send_id', 'channel'])
    .execute()
  await db.schema.createIndex('outbox_due').on('outbox').columns(['state', 'channel', 'next_attempt_at']).execute()

  await db.schema
    .createTable('member_notification_prefs')
    .addColumn('member_id', id, (c) => c.primaryKey().references('members.id'))
    .addColumn('muted_categories', 'text', (c) => c.notNull())
    .addColumn('sms_consent_at', ts)
    .addColumn('sms_opted_out_at', ts)
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('wechat_subscriptions')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('member_id', id, (c) => c.notNull().references('members.id'))
    .addColumn('template_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('accepted_at', ts, (c) => c.notNull())
    .addColumn('used_at', ts)
    .addColumn('outbox_id', id)
    // refused: WeChat answered 43101 (the member withdrew it) and the subscription is spent without a message.
    .addColumn('spent_reason', 'varchar(16)')
    .execute()
  await db.schema
    .createIndex('wechat_subscriptions_unused')
    .on('wechat_subscriptions')
    .columns(['member_id', 'template_id', 'used_at'])
    .execute()
  await db.schema
    .createIndex('wechat_subscriptions_template')
    .on('wechat_subscriptions')
    .columns(['template_id', 'used_at', 'member_id'])
    .execute()

  // "总是保持以上选择": a member who kept a choice for a template is never prompted for it again.
  await db.schema
    .createTable('wechat_subscription_choices')
    .addColumn('member_id', id, (c) => c.notNull().references('members.id'))
    .addColumn('template_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('decision', 'varchar(8)', (c) => c.notNull())
    .addColumn('kept_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('wechat_subscription_choices_pk', ['member_id', 'template_id'])
    .execute()

  await db.schema
    .createTable('wechat_access_tokens')
    .addColumn('app_id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('token', 'varchar(600)', (c) => c.notNull())
    .addColumn('expires_at', ts, (c) => c.notNull())
    .addColumn('fetched_at', ts, (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'wechat_access_tokens',
    'wechat_subscription_choices',
    'wechat_subscriptions',
    'member_notification_prefs',
    'outbox',
    'engagement_sends',
    'campaigns',
    'segments',
    'engagement_settings',
  ])
    await db.schema.dropTable(table).execute()
  await db.schema.alterTable('notifications').dropColumn('page').execute()
}
