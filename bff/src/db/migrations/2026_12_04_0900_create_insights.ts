import { sql, type CreateTableBuilder, type Kysely } from 'kysely'

const ts = 'varchar(32)' // ISO 8601 UTC text on both engines
const id = 'varchar(40)'
const day = 'varchar(10)' // a business day, YYYY-MM-DD
const key = 'varchar(32)'

/**
 * Insights (issue 12): what the order webhook used to throw away (order lines with their categories), each signed
 * store-QR lookup, operators' and the nightly job's member tags, the per-member scores the nightly job keeps, and the
 * per-day aggregate snapshots every report reads. Snapshot tables are keyed by business day and rewritten whole for
 * a day when it is rebuilt, so a rebuild or a resumed run never counts anything twice.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('order_lines')
    .addColumn('order_id', 'varchar(128)', (c) => c.notNull())
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('member_id', id, (c) => c.notNull())
    .addColumn('sku', 'varchar(64)', (c) => c.notNull())
    .addColumn('category', 'varchar(32)')
    .addColumn('qty', 'integer', (c) => c.notNull().check(sql`qty > 0`))
    .addColumn('amount_fen', 'integer', (c) => c.notNull().check(sql`amount_fen >= 0`))
    .addColumn('business_day', day, (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('order_lines_pk', ['order_id', 'line_no'])
    .execute()
  await db.schema.createIndex('order_lines_member').on('order_lines').columns(['member_id', 'business_day']).execute()

  await db.schema
    .createTable('outlet_scene_scans')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('outlet_id', id, (c) => c.notNull())
    .addColumn('business_day', day, (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('outlet_scene_scans_day')
    .on('outlet_scene_scans')
    .columns(['business_day', 'outlet_id'])
    .execute()

  await db.schema
    .createTable('member_tags')
    .addColumn('member_id', id, (c) => c.notNull())
    .addColumn('tag', key, (c) => c.notNull())
    .addColumn('source', 'varchar(10)', (c) => c.notNull().check(sql`source in ('category', 'manual')`))
    .addColumn('created_by', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('member_tags_pk', ['member_id', 'tag'])
    .execute()
  await db.schema.createIndex('member_tags_tag').on('member_tags').columns(['tag', 'member_id']).execute()

  await db.schema
    .createTable('member_insights')
    .addColumn('member_id', id, (c) => c.primaryKey())
    .addColumn('as_of_day', day, (c) => c.notNull())
    .addColumn('last_order_day', day)
    .addColumn('first_order_day', day)
    .addColumn('repurchased_30d', 'integer', (c) => c.notNull())
    .addColumn('recency_days', 'integer')
    .addColumn('frequency', 'integer', (c) => c.notNull())
    .addColumn('monetary_fen', 'bigint', (c) => c.notNull())
    .addColumn('r_score', 'integer')
    .addColumn('f_score', 'integer')
    .addColumn('m_score', 'integer')
    .addColumn('rfm_group', 'varchar(24)')
    .addColumn('lifecycle', 'varchar(10)', (c) => c.notNull())
    .addColumn('clv_fen', 'bigint', (c) => c.notNull())
    .addColumn('orders_30d', 'integer', (c) => c.notNull())
    .addColumn('spend_30d_fen', 'bigint', (c) => c.notNull())
    .addColumn('orders_90d', 'integer', (c) => c.notNull())
    .addColumn('spend_90d_fen', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('member_insights_groups')
    .on('member_insights')
    .columns(['rfm_group', 'lifecycle'])
    .execute()

  await db.schema
    .createTable('insight_settings')
    .addColumn('id', 'varchar(16)', (c) => c.primaryKey())
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'varchar(64)', (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute()

  await createSnapshotTables(db)
}

async function createSnapshotTables(db: Kysely<any>) {
  const big = 'bigint'
  await db.schema
    .createTable('snapshot_days')
    .addColumn('business_day', day, (c) => c.primaryKey())
    .addColumn('built_at', ts, (c) => c.notNull())
    .addColumn('members', 'integer', (c) => c.notNull())
    .addColumn('joins', 'integer', (c) => c.notNull())
    .addColumn('points_outstanding', big, (c) => c.notNull())
    .addColumn('points_liability', big, (c) => c.notNull())
    .addColumn('points_debt', big, (c) => c.notNull())
    .addColumn('debtors', 'integer', (c) => c.notNull())
    .addColumn('points_held', big, (c) => c.notNull())
    .addColumn('points_expiring_next_month', big)
    .addColumn('growth_outstanding', big, (c) => c.notNull())
    .addColumn('sign_ins', 'integer', (c) => c.notNull())
    .addColumn('make_ups', 'integer', (c) => c.notNull())
    .addColumn('orders', 'integer', (c) => c.notNull())
    .addColumn('order_fen', big, (c) => c.notNull())
    .addColumn('redemptions', 'integer', (c) => c.notNull())
    .addColumn('redemption_points', big, (c) => c.notNull())
    .addColumn('redemption_cash_fen', big, (c) => c.notNull())
    .addColumn('growth_quantiles', 'text')
    .execute()

  // Every column of a per-day table is required; the day and the key columns are its primary key.
  const perDay = async (table: string, columns: [string, string][], keyColumns: string[]) => {
    let builder: CreateTableBuilder<string, string> = db.schema
      .createTable(table)
      .addColumn('business_day', day, (c) => c.notNull())
    for (const [name, type] of columns) builder = builder.addColumn(name, sql.raw(type), (c) => c.notNull())
    await builder.addPrimaryKeyConstraint(`${table}_pk`, ['business_day', ...keyColumns]).execute()
  }

  await perDay(
    'snapshot_tier_members',
    [
      ['tier_key', key],
      ['members', 'integer'],
    ],
    ['tier_key'],
  )
  // Near the next threshold and at risk of not keeping the tier are known only for the day the job ran on.
  await db.schema.alterTable('snapshot_tier_members').addColumn('near_next', 'integer').execute()
  await db.schema.alterTable('snapshot_tier_members').addColumn('retain_at_risk_30d', 'integer').execute()
  await perDay(
    'snapshot_tier_moves',
    [
      ['kind', 'varchar(12)'],
      ['from_key', key],
      ['to_key', key],
      ['members', 'integer'],
    ],
    ['kind', 'from_key', 'to_key'],
  )
  await perDay(
    'snapshot_tier_matrix',
    [
      ['period_days', 'integer'],
      ['from_key', key],
      ['to_key', key],
      ['members', 'integer'],
    ],
    ['period_days', 'from_key', 'to_key'],
  )
  await perDay(
    'snapshot_tier_timing',
    [
      ['from_key', key],
      ['to_key', key],
      ['median_days', 'integer'],
      ['members', 'integer'],
    ],
    ['from_key', 'to_key'],
  )
  await perDay(
    'snapshot_ledger_flows',
    [
      ['ledger', 'varchar(8)'],
      ['source_kind', key],
      ['flow', 'varchar(12)'],
      ['amount', big],
      ['entries', 'integer'],
    ],
    ['ledger', 'source_kind', 'flow'],
  )
  await perDay(
    'snapshot_sign_in_streaks',
    [
      ['cycle_day', 'integer'],
      ['members', 'integer'],
    ],
    ['cycle_day'],
  )
  await perDay(
    'snapshot_benefits',
    [
      ['benefit_key', key],
      ['tier_key', key],
      ['claims', 'integer'],
      ['uses', 'integer'],
      ['amount_fen', big],
    ],
    ['benefit_key', 'tier_key'],
  )
  await perDay(
    'snapshot_redemptions',
    [
      ['item_id', id],
      ['item_title', 'varchar(64)'],
      ['redemptions', 'integer'],
      ['quantity', 'integer'],
      ['points', big],
      ['cash_fen', big],
    ],
    ['item_id'],
  )
  await perDay(
    'snapshot_joins',
    [
      ['channel', 'varchar(12)'],
      ['outlet_id', key],
      ['joins', 'integer'],
    ],
    ['channel', 'outlet_id'],
  )
  await perDay(
    'snapshot_outlet_days',
    [
      ['outlet_id', id],
      ['scans', 'integer'],
      ['staff_purchases', 'integer'],
      ['staff_purchase_fen', big],
    ],
    ['outlet_id'],
  )
  await perDay(
    'snapshot_segments',
    [
      ['dimension', 'varchar(10)'],
      ['segment', key],
      ['tier_key', key],
      ['members', 'integer'],
      ['monetary_fen', big],
      ['clv_fen', big],
    ],
    ['dimension', 'segment', 'tier_key'],
  )
  await perDay(
    'snapshot_benefit_reach',
    [
      ['benefit_key', key],
      ['eligible', 'integer'],
      ['claimers_90d', 'integer'],
      ['users_90d', 'integer'],
    ],
    ['benefit_key'],
  )
  // Sums and sums of squares are enough for a difference of means and its interval; squares of fen overflow
  // 64-bit integers at a million members, so they are doubles.
  await perDay(
    'snapshot_comparisons',
    [
      ['subject', 'varchar(48)'],
      ['window_days', 'integer'],
      ['arm', 'varchar(8)'],
      ['members', 'integer'],
      ['orders_sum', big],
      ['orders_sumsq', 'double precision'],
      ['spend_sum', big],
      ['spend_sumsq', 'double precision'],
    ],
    ['subject', 'window_days', 'arm'],
  )

  // Rewritten whole every night: the latest knowledge of each store's join cohorts, by join day.
  await db.schema
    .createTable('snapshot_outlet_cohorts')
    .addColumn('outlet_id', id, (c) => c.notNull())
    .addColumn('join_day', day, (c) => c.notNull())
    .addColumn('as_of_day', day, (c) => c.notNull())
    .addColumn('joins', 'integer', (c) => c.notNull())
    .addColumn('first_orders', 'integer', (c) => c.notNull())
    .addColumn('repurchased_30d', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('snapshot_outlet_cohorts_pk', ['outlet_id', 'join_day'])
    .execute()
}

const tables = [
  'snapshot_outlet_cohorts',
  'snapshot_comparisons',
  'snapshot_benefit_reach',
  'snapshot_segments',
  'snapshot_outlet_days',
  'snapshot_joins',
  'snapshot_redemptions',
  'snapshot_benefits',
  'snapshot_sign_in_streaks',
  'snapshot_ledger_flows',
  'snapshot_tier_timing',
  'snapshot_tier_matrix',
  'snapshot_tier_moves',
  'snapshot_tier_members',
  'snapshot_days',
  'insight_settings',
  'member_insights',
  'member_tags',
  'outlet_scene_scans',
  'order_lines',
]

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of tables) await db.schema.dropTable(table).execute()
}
