import type { ColumnType } from 'kysely'

/** Timestamps are ISO 8601 UTC strings on both engines, so they compare the same way everywhere. */
type Timestamp = string

export interface MembersTable {
  id: string
  openid: string | null
  unionid: string | null
  phone: string | null
  nickname: string
  joined_at: Timestamp | null
  source_outlet_id: string | null
  source_channel: 'outlet_qr' | 'shop' | null
  /** YYYY-MM-DD, or null when the member has not told us. */
  birthday: string | null
  created_at: ColumnType<Timestamp, Timestamp, never>
}

/** Only a SHA-256 of the session token is stored, so a leaked table cannot be replayed as sessions. */
export interface SessionsTable {
  token_hash: string
  member_id: string
  created_at: ColumnType<Timestamp, Timestamp, never>
  expires_at: Timestamp
  revoked_at: Timestamp | null
}

/** The WeChat session key stays here; it is needed later to decrypt WeChat data and is never sent anywhere. */
export interface WechatSessionsTable {
  member_id: string
  session_key: string
  updated_at: Timestamp
}

export interface OutletsTable {
  id: string
  name: string
  created_at: ColumnType<Timestamp, Timestamp, never>
}

/** Published program rules; a new version is a new row, never an edit. */
export interface ProgramVersionsTable {
  version: number
  rules: string
  template: string | null
  note: string | null
  published_by: string
  published_at: Timestamp
  /** The merchant's choice for members the new thresholds would lower; null when nobody would be lowered. */
  demotions: 'keep_until_validity_end' | 'apply_now' | null
  /** Where the rules came from: a draft id, or `rollback:<version>`. */
  source: string | null
}

/** A program being edited. It may be invalid while edited; only a valid draft publishes. */
export interface ProgramDraftsTable {
  id: string
  rules: string
  base_version: number | null
  template: string | null
  status: 'open' | 'published' | 'discarded'
  published_version: number | null
  created_by: string
  created_at: Timestamp
  updated_at: Timestamp
}

export type LedgerName = 'growth' | 'points'
export type LedgerActor = 'member' | 'staff' | 'system' | 'admin'

/** Materialized balance of one ledger for one member: always the sum of its entries (verify-ledgers checks). */
export interface LedgerAccountsTable {
  member_id: string
  ledger: LedgerName
  balance: number
  /** Points reserved by open holds; available = balance − held. */
  held: number
  version: number
}

/** Append-only: every column is insert-only, so an UPDATE of an entry does not compile. */
export interface LedgerEntriesTable {
  id: ColumnType<string, string, never>
  member_id: ColumnType<string, string, never>
  ledger: ColumnType<LedgerName, LedgerName, never>
  amount: ColumnType<number, number, never>
  kind: ColumnType<string, string, never>
  reason: ColumnType<string, string, never>
  actor: ColumnType<LedgerActor, LedgerActor, never>
  actor_id: ColumnType<string | null, string | null, never>
  ref_type: ColumnType<string | null, string | null, never>
  ref_id: ColumnType<string | null, string | null, never>
  idempotency_key: ColumnType<string | null, string | null, never>
  reverses_entry_id: ColumnType<string | null, string | null, never>
  corrects_entry_id: ColumnType<string | null, string | null, never>
  lot_id: ColumnType<string | null, string | null, never>
  rule_version: ColumnType<number, number, never>
  balance_after: ColumnType<number, number, never>
  account_version: ColumnType<number, number, never>
  business_day: ColumnType<string, string, never>
  occurred_at: ColumnType<Timestamp, Timestamp, never>
  created_at: ColumnType<Timestamp, Timestamp, never>
}

/** What one earning left to spend (points) or to count (growth), and when it lapses. */
export interface LedgerLotsTable {
  id: string
  member_id: string
  ledger: LedgerName
  entry_id: string
  amount: number
  remaining: number
  expires_at: Timestamp | null
  created_at: Timestamp
}

export interface PointsHoldsTable {
  id: string
  member_id: string
  points: number
  status: 'held' | 'captured' | 'released'
  ref_type: string
  ref_id: string
  expires_at: Timestamp
  created_at: Timestamp
  settled_at: Timestamp | null
}

export interface MemberTiersTable {
  member_id: string
  tier_key: string
  /** Last business day the tier is guaranteed; null for the entry tier. */
  valid_until: string | null
  since: Timestamp
  rule_version: number
}

export interface TierChangesTable {
  id: ColumnType<string, string, never>
  member_id: ColumnType<string, string, never>
  kind: ColumnType<'join' | 'upgrade' | 'retain' | 'downgrade', 'join' | 'upgrade' | 'retain' | 'downgrade', never>
  from_key: ColumnType<string | null, string | null, never>
  to_key: ColumnType<string, string, never>
  valid_until: ColumnType<string | null, string | null, never>
  growth: ColumnType<number, number, never>
  business_day: ColumnType<string, string, never>
  rule_version: ColumnType<number, number, never>
  created_at: ColumnType<Timestamp, Timestamp, never>
}

/** One shop order as far as earning goes: what it earned, what was credited, what refunds took back. */
export interface OrdersTable {
  order_id: string
  member_id: string
  status: 'paid' | 'completed'
  paid_fen: number
  refunded_fen: number
  growth_earned: number
  points_earned: number
  growth_credited: number
  points_credited: number
  growth_entry_id: string | null
  points_entry_id: string | null
  rule_version: number
  outlet_id: string | null
  source: 'online' | 'outlet'
  paid_at: Timestamp
  completed_at: Timestamp | null
}

export interface OrderRefundsTable {
  order_id: string
  refund_id: string
  amount_fen: number
  applied_at: Timestamp
}

export interface ParkedOrderEventsTable {
  event_id: string
  order_id: string
  body: string
  received_at: Timestamp
  applied_at: Timestamp | null
}

/** First result of a request made with an idempotency key, replayed for the same key. */
export interface IdempotencyRecordsTable {
  scope: string
  key: string
  request_hash: string
  request_body: string
  response_status: number | null
  response_body: string | null
  created_at: Timestamp
}

export interface JobRunsTable {
  job: string
  business_day: string
  started_at: Timestamp
  finished_at: Timestamp | null
  result: string | null
}

export interface JobLeasesTable {
  job: string
  holder: string
  lease_until: Timestamp
}

export interface AuditLogTable {
  id: ColumnType<string, string, never>
  actor: ColumnType<string, string, never>
  action: ColumnType<string, string, never>
  target_type: ColumnType<string, string, never>
  target_id: ColumnType<string, string, never>
  detail: ColumnType<string, string, never>
  created_at: ColumnType<Timestamp, Timestamp, never>
}

export interface Database {
  members: MembersTable
  sessions: SessionsTable
  wechat_sessions: WechatSessionsTable
  outlets: OutletsTable
  program_versions: ProgramVersionsTable
  program_drafts: ProgramDraftsTable
  ledger_accounts: LedgerAccountsTable
  ledger_entries: LedgerEntriesTable
  ledger_lots: LedgerLotsTable
  points_holds: PointsHoldsTable
  member_tiers: MemberTiersTable
  tier_changes: TierChangesTable
  orders: OrdersTable
  order_refunds: OrderRefundsTable
  parked_order_events: ParkedOrderEventsTable
  idempotency_records: IdempotencyRecordsTable
  job_runs: JobRunsTable
  job_leases: JobLeasesTable
  audit_log: AuditLogTable
}
