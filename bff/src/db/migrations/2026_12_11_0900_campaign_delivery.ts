import type { Kysely } from 'kysely'

/**
 * A campaign's delivery cursor (issue 13, a million members planned in a minute): planning writes only the
 * decisions, and the outbox drain then writes each `sent` decision's coupon and messages in member id order, so
 * `delivered_through` is the last member id whose decision has been delivered (null: none yet). Campaigns planned
 * before this were delivered as they were planned: their cursor starts at the end of their plan.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('campaigns').addColumn('delivered_through', 'varchar(40)').execute()
  await db
    .updateTable('campaigns')
    .set((eb: any) => ({ delivered_through: eb.ref('planned_through') }))
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('campaigns').dropColumn('delivered_through').execute()
}
