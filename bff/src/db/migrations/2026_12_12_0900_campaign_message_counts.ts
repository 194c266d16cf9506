import { sql, type Kysely } from 'kysely'

/**
 * How many messages a campaign has to deliver and how many it has delivered, so the console can show a campaign's
 * delivery as progress (已送达 3,000 / 40,000) rather than only 发送中. Both move with their cursors, in the same
 * statement: `messages_planned` by the `sent` decisions a planning batch wrote, `messages_delivered` by the
 * decisions a delivery chunk wrote. Campaigns that exist already are counted from their decisions.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('campaigns')
    .addColumn('messages_planned', 'integer', (col) => col.notNull().defaultTo(0))
    .execute()
  await db.schema
    .alterTable('campaigns')
    .addColumn('messages_delivered', 'integer', (col) => col.notNull().defaultTo(0))
    .execute()
  const sent = sql`select count(*) from engagement_sends s
    where s.source_type = 'campaign' and s.source_id = campaigns.id and s.outcome = 'sent'`
  await db
    .updateTable('campaigns')
    .set({
      messages_planned: sql`(${sent})`,
      messages_delivered: sql`(${sent} and campaigns.delivered_through is not null
        and s.member_id <= campaigns.delivered_through)`,
    })
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('campaigns').dropColumn('messages_delivered').execute()
  await db.schema.alterTable('campaigns').dropColumn('messages_planned').execute()
}
