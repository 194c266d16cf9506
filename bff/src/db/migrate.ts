import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely'
import { isPostgres } from './engine'
import { withLongStatements } from './long-statements'
import * as createMembers from './migrations/2026_11_23_0900_create_members'
import * as createLedgers from './migrations/2026_11_23_1200_create_ledgers'
import * as createProgramDrafts from './migrations/2026_11_23_1500_create_program_drafts'
import * as createSignIns from './migrations/2026_11_23_1600_create_sign_ins'
import * as createStaffAndCodes from './migrations/2026_11_23_1610_create_staff_and_codes'
import * as createBenefitsAndInbox from './migrations/2026_11_23_1620_create_benefits_and_inbox'
import * as createMall from './migrations/2026_11_30_0900_create_mall'
import * as createOperators from './migrations/2026_12_03_0900_create_operators'
import * as staffStatusAndShipments from './migrations/2026_12_03_1100_staff_status_and_shipments'
import * as consoleLookupIndexes from './migrations/2026_12_03_1900_console_lookup_indexes'
import * as createInsights from './migrations/2026_12_04_0900_create_insights'
import * as insightsSnapshotIndexes from './migrations/2026_12_04_0910_insights_snapshot_indexes'
import * as insightsScoringIndexes from './migrations/2026_12_04_0920_insights_scoring_indexes'
import * as createEngagement from './migrations/2026_12_05_0900_create_engagement'
import * as engagementIndexes from './migrations/2026_12_05_0910_engagement_indexes'
import * as engagementDeliveryIndexes from './migrations/2026_12_05_0920_engagement_delivery_indexes'
import * as memberProfile from './migrations/2026_12_06_0900_member_profile'
import * as pointsExtension from './migrations/2026_12_06_0920_points_extension'
import * as accountClosing from './migrations/2026_12_06_0930_account_closing'
import * as rateLimits from './migrations/2026_12_06_0940_rate_limits'
import * as tillBenefits from './migrations/2026_12_06_0950_till_benefits'
import * as visitorSessions from './migrations/2026_12_07_0900_visitor_sessions'
import * as tierHistoryIndex from './migrations/2026_12_08_0900_tier_history_index'
import * as memberInsightsFillfactor from './migrations/2026_12_08_0910_member_insights_fillfactor'
import * as legalDocuments from './migrations/2026_12_09_0900_legal_documents'
import * as legalAcceptances from './migrations/2026_12_10_0900_legal_acceptances'
import * as pickupOutlets from './migrations/2026_12_10_0910_pickup_outlets'
import * as pickupDeadline from './migrations/2026_12_10_0920_pickup_deadline'
import * as campaignDelivery from './migrations/2026_12_11_0900_campaign_delivery'
import * as campaignMessageCounts from './migrations/2026_12_12_0900_campaign_message_counts'

/**
 * Migrations are listed here rather than read from disk, so they run the same under tsx, vitest and any bundle.
 * Names sort by their date prefix, which is the order they apply in.
 */
const migrations: Record<string, Migration> = {
  '2026_11_23_0900_create_members': createMembers,
  '2026_11_23_1200_create_ledgers': createLedgers,
  '2026_11_23_1500_create_program_drafts': createProgramDrafts,
  '2026_11_23_1600_create_sign_ins': createSignIns,
  '2026_11_23_1610_create_staff_and_codes': createStaffAndCodes,
  '2026_11_23_1620_create_benefits_and_inbox': createBenefitsAndInbox,
  '2026_11_30_0900_create_mall': createMall,
  '2026_12_03_0900_create_operators': createOperators,
  '2026_12_03_1100_staff_status_and_shipments': staffStatusAndShipments,
  '2026_12_03_1900_console_lookup_indexes': consoleLookupIndexes,
  '2026_12_04_0900_create_insights': createInsights,
  '2026_12_04_0910_insights_snapshot_indexes': insightsSnapshotIndexes,
  '2026_12_04_0920_insights_scoring_indexes': insightsScoringIndexes,
  '2026_12_05_0900_create_engagement': createEngagement,
  '2026_12_05_0910_engagement_indexes': engagementIndexes,
  '2026_12_05_0920_engagement_delivery_indexes': engagementDeliveryIndexes,
  '2026_12_06_0900_member_profile': memberProfile,
  '2026_12_06_0920_points_extension': pointsExtension,
  '2026_12_06_0930_account_closing': accountClosing,
  '2026_12_06_0940_rate_limits': rateLimits,
  '2026_12_06_0950_till_benefits': tillBenefits,
  '2026_12_07_0900_visitor_sessions': visitorSessions,
  '2026_12_08_0900_tier_history_index': tierHistoryIndex,
  '2026_12_08_0910_member_insights_fillfactor': memberInsightsFillfactor,
  '2026_12_09_0900_legal_documents': legalDocuments,
  '2026_12_10_0900_legal_acceptances': legalAcceptances,
  '2026_12_10_0910_pickup_outlets': pickupOutlets,
  '2026_12_10_0920_pickup_deadline': pickupDeadline,
  '2026_12_11_0900_campaign_delivery': campaignDelivery,
  '2026_12_12_0900_campaign_message_counts': campaignMessageCounts,
}

const provider: MigrationProvider = { getMigrations: async () => migrations }

/** Runs on a connection without the request-sized statement timeout: an index build on a large table takes minutes. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  return withLongStatements(db, migrateOn)
}

async function migrateOn(db: Kysely<any>): Promise<string[]> {
  // Kysely looks for its bookkeeping tables across every schema; pin them to ours, or a database holding
  // several schemas (one per test file, or per tenant) would find another schema's tables and skip creating its own.
  const migrationTableSchema = isPostgres(db)
    ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0].schema
    : undefined
  const migrator = new Migrator({ db, provider, migrationTableSchema })
  const { error, results } = await migrator.migrateToLatest()
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown'
    throw new Error(`migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`)
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}
