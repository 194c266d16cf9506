import type { ColumnType } from 'kysely'

/** Timestamps are ISO 8601 UTC strings on both engines, so they compare the same way everywhere. */
type Timestamp = string

/** A column written once on insert and never updated: on append-only tables an UPDATE of it does not compile. */
type Frozen<T> = ColumnType<T, T, never>

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
  created_at: Frozen<Timestamp>
  /** An uploaded image's site path (`/uploads/upl_…`), or null. */
  avatar: string | null
  gender: 'female' | 'male' | 'undisclosed' | null
  /** Province, city and maybe district joined by '/': '广东省/深圳市/南山区'. */
  region: string | null
  /** Who set the birthday: 'member', an operator's actor ('operator:opr_…'), 'import'; null while none is set. */
  birthday_set_by: string | null
  /** When the member chose a nickname (the one made at login is a placeholder); null until then. */
  nickname_set_at: Timestamp | null
  /** When the profile-completed reward was credited; set once, by a conditional update. */
  profile_completed_at: Timestamp | null
  /** When the account was closed (personal columns erased, ledger rows kept under the id); null while open. */
  closed_at: ColumnType<Timestamp | null, Timestamp | null | undefined, Timestamp | null>
  /** Who closed it: 'member', or an operator's actor ('operator:opr_…'). */
  closed_by: ColumnType<string | null, string | null | undefined, string | null>
}

/** Only a SHA-256 of the session token is stored, so a leaked table cannot be replayed as sessions. */
export interface SessionsTable {
  token_hash: string
  member_id: string
  created_at: Frozen<Timestamp>
  expires_at: Timestamp
  revoked_at: Timestamp | null
}

/**
 * A session of a shopper who logged in but has not joined: a phone (local login) or a WeChat openid, and for WeChat
 * the session key a join carries over. Joining moves the token into `sessions`; nothing here is a member.
 */
export interface VisitorSessionsTable {
  token_hash: string
  phone: string | null
  openid: string | null
  unionid: string | null
  session_key: string | null
  created_at: Frozen<Timestamp>
  expires_at: Timestamp
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
  created_at: Frozen<Timestamp>
  /** What a shopper needs to find the store for a pickup; null until the merchant fills them in. */
  address: ColumnType<string | null, string | null | undefined, string | null>
  opening_hours: ColumnType<string | null, string | null | undefined, string | null>
  phone: ColumnType<string | null, string | null | undefined, string | null>
  /** Set when the store no longer takes pickups; it stays for the history that names it. */
  closed_at: ColumnType<Timestamp | null, Timestamp | null | undefined, Timestamp | null>
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
  id: Frozen<string>
  member_id: Frozen<string>
  ledger: Frozen<LedgerName>
  amount: Frozen<number>
  kind: Frozen<string>
  reason: Frozen<string>
  actor: Frozen<LedgerActor>
  actor_id: Frozen<string | null>
  ref_type: Frozen<string | null>
  ref_id: Frozen<string | null>
  idempotency_key: Frozen<string | null>
  reverses_entry_id: Frozen<string | null>
  corrects_entry_id: Frozen<string | null>
  lot_id: Frozen<string | null>
  rule_version: Frozen<number>
  balance_after: Frozen<number>
  account_version: Frozen<number>
  business_day: Frozen<string>
  occurred_at: Frozen<Timestamp>
  created_at: Frozen<Timestamp>
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

/** One extension of a points lot's expiry, paid by a points spend (`entry_id`); once per lot. Append-only. */
export interface PointsLotExtensionsTable {
  id: Frozen<string>
  lot_id: Frozen<string>
  member_id: Frozen<string>
  entry_id: Frozen<string>
  cost_points: Frozen<number>
  extend_days: Frozen<number>
  expires_at_before: Frozen<Timestamp>
  expires_at_after: Frozen<Timestamp>
  rule_version: Frozen<number>
  created_at: Frozen<Timestamp>
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
  id: Frozen<string>
  member_id: Frozen<string>
  kind: Frozen<'join' | 'upgrade' | 'retain' | 'downgrade'>
  from_key: Frozen<string | null>
  to_key: Frozen<string>
  valid_until: Frozen<string | null>
  growth: Frozen<number>
  business_day: Frozen<string>
  rule_version: Frozen<number>
  created_at: Frozen<Timestamp>
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
  id: Frozen<string>
  actor: Frozen<string>
  action: Frozen<string>
  target_type: Frozen<string>
  target_id: Frozen<string>
  detail: Frozen<string>
  created_at: Frozen<Timestamp>
}

/** A member's claim of one benefit in one period; unique per (member, benefit, period key). Append-only. */
export interface BenefitClaimsTable {
  id: Frozen<string>
  member_id: Frozen<string>
  benefit_key: Frozen<string>
  /** `2026-11`, `2026-Q4`, `2026`, `once`, `birthday-2026`, `season-2026`. */
  period_key: Frozen<string>
  tier_key: Frozen<string>
  rule_version: Frozen<number>
  business_day: Frozen<string>
  created_at: Frozen<Timestamp>
}

/** A coupon a claim issued; only its use changes it (status, used_at, used_order_id). */
export interface CouponsTable {
  id: Frozen<string>
  code: Frozen<string>
  member_id: Frozen<string>
  benefit_key: Frozen<string>
  claim_id: Frozen<string>
  name: Frozen<string>
  kind: Frozen<'cash_off' | 'free_shipping'>
  threshold_fen: Frozen<number>
  discount_fen: Frozen<number>
  status: 'available' | 'used' | 'expired'
  valid_from: Frozen<Timestamp>
  /** The instant the coupon stops being usable (exclusive). */
  valid_until: Frozen<Timestamp>
  used_at: Timestamp | null
  used_order_id: string | null
  created_at: Frozen<Timestamp>
}

/** Effectiveness records: one row per coupon issued and per coupon used. Append-only. */
export interface BenefitEventsTable {
  id: Frozen<string>
  member_id: Frozen<string>
  benefit_key: Frozen<string>
  event: Frozen<'claimed' | 'used'>
  coupon_id: Frozen<string | null>
  /** The member's tier when it happened. */
  tier_key: Frozen<string>
  /** Face value issued (claimed) or discount given on the order (used). */
  amount_fen: Frozen<number>
  order_id: Frozen<string | null>
  business_day: Frozen<string>
  created_at: Frozen<Timestamp>
}

/** The member's inbox; `dedupe_key` (rule, member, period) makes each notification happen once. */
export interface NotificationsTable {
  id: Frozen<string>
  member_id: Frozen<string>
  kind: Frozen<string>
  title: Frozen<string>
  body: Frozen<string>
  dedupe_key: Frozen<string>
  /** The app page that acts on the message (a deep link the inbox opens); null for none. */
  page: Frozen<string | null>
  read_at: Timestamp | null
  created_at: Frozen<Timestamp>
}

/** A store staff account; only the scrypt hash of the PIN is stored. */
export interface StaffTable {
  id: string
  name: string
  phone: string
  outlet_id: string
  pin_hash: string
  created_at: Frozen<Timestamp>
  /** Set while the account is disabled: it cannot log in and its sessions were ended when it was set. */
  disabled_at: Timestamp | null
}

/** Staff sessions, apart from member sessions so the two roles never mix; only the token's SHA-256 is stored. */
export interface StaffSessionsTable {
  token_hash: string
  staff_id: string
  created_at: Frozen<Timestamp>
  expires_at: Timestamp
  revoked_at: Timestamp | null
}

/** A member's TOTP secret (hex, never sent anywhere) and the card number their codes start with. */
export interface MemberCodesTable {
  member_id: string
  card_no: string
  secret: string
  created_at: Frozen<Timestamp>
}

/** An accepted member code, unique per (member, step); `purchase_order_id` is set once it paid for a purchase. */
export interface MemberCodeUsesTable {
  member_id: string
  step: number
  staff_id: string
  outlet_id: string
  used_at: Timestamp
  purchase_order_id: string | null
}

/** Wrong staff PINs (`staff_login`, by phone), wrong member codes and pickup codes (by staff id), for throttling. */
export interface FailedAttemptsTable {
  id: string
  /** staff_login counts one phone from one client address; staff_phone the phone from anywhere. */
  kind:
    | 'staff_login'
    | 'staff_phone'
    | 'staff_client'
    | 'member_code'
    | 'pickup_code'
    | 'operator_login'
    | 'operator_client'
  subject: string
  failed_at: Timestamp
}

/** One sign-in per member per business day (the primary key enforces it); `make_up` rows are 补签. Append-only. */
export interface SignInsTable {
  member_id: Frozen<string>
  business_day: Frozen<string>
  kind: Frozen<'daily' | 'make_up'>
  /** Day of the streak cycle this sign-in had when it was recorded (1..cycleDays). */
  cycle_day: Frozen<number>
  created_at: Frozen<Timestamp>
}

/** A points-mall item; `images` and `coupon` are JSON text, `on_sale` is 0 or 1 on both engines. */
export interface MallItemsTable {
  id: string
  title: string
  description: string
  images: string
  points_price: number
  cash_fen: number
  /** Moves only by conditional increments and decrements, never by writing a read value back. */
  stock: number
  per_member_limit: number | null
  min_tier_key: string | null
  active_from: Timestamp | null
  active_until: Timestamp | null
  fulfilment: 'coupon' | 'delivery' | 'pickup'
  coupon: string | null
  /** Pickup items: business days the item waits at the store once collectable (default 30). */
  pickup_days: ColumnType<number, number | undefined, number>
  on_sale: number
  created_at: Timestamp
  updated_at: Timestamp
}

export type RedemptionStatusColumn = 'pending_payment' | 'completed' | 'expired' | 'cancelled' | 'refunded'

/** One redemption; status moves only by updates conditioned on the status it leaves. */
export interface MallRedemptionsTable {
  id: string
  member_id: string
  item_id: string
  item_title: string
  item_image: string | null
  fulfilment: 'coupon' | 'delivery' | 'pickup'
  quantity: number
  points_cost: number
  cash_fen: number
  status: RedemptionStatusColumn
  hold_id: string | null
  claim_id: string | null
  out_trade_no: string | null
  transaction_id: string | null
  payment_expires_at: Timestamp | null
  paid_at: Timestamp | null
  closed_at: Timestamp | null
  pickup_code: string | null
  picked_up_at: Timestamp | null
  picked_up_by: string | null
  delivery: string | null
  refund_no: string | null
  refund_reason: string | null
  needs_reconciliation: ColumnType<number, number | undefined, number>
  /** Delivery items: carrier and tracking number, written once by the merchant. */
  shipped_at: ColumnType<Timestamp | null, Timestamp | null | undefined, Timestamp | null>
  shipping_carrier: ColumnType<string | null, string | null | undefined, string | null>
  tracking_no: ColumnType<string | null, string | null | undefined, string | null>
  shipped_by: ColumnType<string | null, string | null | undefined, string | null>
  /** Pickup items: the store the shopper chose; only its staff hand the item over (null: any store, older rows). */
  pickup_outlet_id: ColumnType<string | null, string | null | undefined, string | null>
  /** Pickup items once collectable: the end of the last business day to collect (null: older rows, no deadline). */
  pickup_deadline: ColumnType<Timestamp | null, Timestamp | null | undefined, Timestamp | null>
  /** That last business day, YYYY-MM-DD, as the shopper is told it. */
  pickup_last_day: ColumnType<string | null, string | null | undefined, string | null>
  business_day: string
  created_at: Timestamp
  updated_at: Timestamp
}

/** What the payment service said about an order and what was done (notice, query, late success, mismatch…). */
export interface PaymentEventsTable {
  id: string
  out_trade_no: string
  redemption_id: string | null
  event: string
  detail: string
  created_at: Timestamp
  /** Unknown orders and mismatches wait for a person; these say who looked at it, when, and what they found. */
  resolved_at: ColumnType<Timestamp | null, Timestamp | null | undefined, Timestamp | null>
  resolved_by: ColumnType<string | null, string | null | undefined, string | null>
  resolution_note: ColumnType<string | null, string | null | undefined, string | null>
}

export interface Database {
  members: MembersTable
  sessions: SessionsTable
  visitor_sessions: VisitorSessionsTable
  wechat_sessions: WechatSessionsTable
  outlets: OutletsTable
  program_versions: ProgramVersionsTable
  program_drafts: ProgramDraftsTable
  ledger_accounts: LedgerAccountsTable
  ledger_entries: LedgerEntriesTable
  ledger_lots: LedgerLotsTable
  points_holds: PointsHoldsTable
  points_lot_extensions: PointsLotExtensionsTable
  member_tiers: MemberTiersTable
  tier_changes: TierChangesTable
  orders: OrdersTable
  order_refunds: OrderRefundsTable
  parked_order_events: ParkedOrderEventsTable
  idempotency_records: IdempotencyRecordsTable
  job_runs: JobRunsTable
  job_leases: JobLeasesTable
  audit_log: AuditLogTable
  sign_ins: SignInsTable
  benefit_claims: BenefitClaimsTable
  coupons: CouponsTable
  benefit_events: BenefitEventsTable
  notifications: NotificationsTable
  staff: StaffTable
  staff_sessions: StaffSessionsTable
  member_codes: MemberCodesTable
  member_code_uses: MemberCodeUsesTable
  failed_attempts: FailedAttemptsTable
  rate_limits: RateLimitsTable
  till_purchases: TillPurchasesTable
  till_settings: TillSettingsTable
  mall_items: MallItemsTable
  mall_redemptions: MallRedemptionsTable
  payment_events: PaymentEventsTable
  operators: OperatorsTable
  operator_sessions: OperatorSessionsTable
  api_keys: ApiKeysTable
  uploads: UploadsTable
  order_lines: OrderLinesTable
  outlet_scene_scans: OutletSceneScansTable
  member_tags: MemberTagsTable
  member_insights: MemberInsightsTable
  insight_settings: InsightSettingsTable
  engagement_settings: EngagementSettingsTable
  legal_documents: LegalDocumentsTable
  legal_acceptances: LegalAcceptancesTable
  segments: SegmentsTable
  campaigns: CampaignsTable
  engagement_sends: EngagementSendsTable
  outbox: OutboxTable
  member_notification_prefs: MemberNotificationPrefsTable
  wechat_subscriptions: WechatSubscriptionsTable
  wechat_subscription_choices: WechatSubscriptionChoicesTable
  wechat_access_tokens: WechatAccessTokensTable
  snapshot_days: SnapshotDaysTable
  snapshot_tier_members: SnapshotTierMembersTable
  snapshot_tier_moves: SnapshotTierMovesTable
  snapshot_tier_matrix: SnapshotTierMatrixTable
  snapshot_tier_timing: SnapshotTierTimingTable
  snapshot_ledger_flows: SnapshotLedgerFlowsTable
  snapshot_sign_in_streaks: SnapshotSignInStreaksTable
  snapshot_benefits: SnapshotBenefitsTable
  snapshot_redemptions: SnapshotRedemptionsTable
  snapshot_joins: SnapshotJoinsTable
  snapshot_outlet_days: SnapshotOutletDaysTable
  snapshot_segments: SnapshotSegmentsTable
  snapshot_benefit_reach: SnapshotBenefitReachTable
  snapshot_comparisons: SnapshotComparisonsTable
  snapshot_outlet_cohorts: SnapshotOutletCohortsTable
}

/** A person of the merchant; `role` is one of shared's roles, `outlet_id` set exactly for a store manager. */
export interface OperatorsTable {
  id: string
  login: string
  name: string
  role: 'owner' | 'operator' | 'analyst' | 'store_manager'
  outlet_id: string | null
  password_hash: string
  /** 1 while the account still has the one-time password it was created with. */
  must_change_password: number
  disabled_at: Timestamp | null
  created_at: Frozen<Timestamp>
  last_login_at: Timestamp | null
}

export interface OperatorSessionsTable {
  token_hash: string
  operator_id: string
  created_at: Frozen<Timestamp>
  expires_at: Timestamp
  revoked_at: Timestamp | null
}

/** A script's credential: only the key's SHA-256 is kept; `permissions` is a JSON array of shared's permissions. */
export interface ApiKeysTable {
  id: string
  name: string
  prefix: string
  key_hash: string
  permissions: string
  created_by: string | null
  created_at: Frozen<Timestamp>
  last_used_at: Timestamp | null
  revoked_at: Timestamp | null
}

/** An uploaded image; the bytes live in the image store (a folder under the data directory), named by `id`. */
export interface UploadsTable {
  id: string
  content_type: string
  byte_size: number
  sha256: string
  width: number
  height: number
  created_by: string
  created_at: Frozen<Timestamp>
}

/**
 * Insights (issue 12). `bigint` columns come back from PostgreSQL as strings (and sums of any integer column do too):
 * readers pass every number through `Number()`. Snapshot tables are rewritten whole for a business day.
 */
type Big = ColumnType<number | string, number, number>

/** One line of a shop order as the webhook sent it (order.paid), kept for category preferences. */
export interface OrderLinesTable {
  order_id: string
  line_no: number
  member_id: string
  sku: string
  category: string | null
  qty: number
  amount_fen: number
  business_day: string
  created_at: Timestamp
}

/** One lookup of a signed store-QR scene: the top of the store funnel. */
export interface OutletSceneScansTable {
  id: string
  outlet_id: string
  business_day: string
  created_at: Timestamp
}

/** A member's tag: `category` tags are rewritten by the nightly job, `manual` ones are added by operators. */
export interface MemberTagsTable {
  member_id: string
  tag: string
  source: 'category' | 'manual'
  created_by: string
  created_at: Timestamp
}

/** The nightly job's scores of one member, as of `as_of_day` (RFM over the configured window, lifecycle, CLV). */
export interface MemberInsightsTable {
  member_id: string
  as_of_day: string
  last_order_day: string | null
  first_order_day: string | null
  /** 1 when a second order came within 30 days of the first. */
  repurchased_30d: number
  recency_days: number | null
  frequency: number
  monetary_fen: Big
  /** Quintile scores 1–5; null for members with no order in the window. */
  r_score: number | null
  f_score: number | null
  m_score: number | null
  rfm_group: string | null
  lifecycle: 'new' | 'active' | 'dormant' | 'lapsed'
  clv_fen: Big
  orders_30d: number
  spend_30d_fen: Big
  orders_90d: number
  spend_90d_fen: Big
}

/** The merchant's insight settings (one row, id 'default'): JSON of `InsightSettings` from shared. */
export interface InsightSettingsTable {
  id: string
  settings: string
  updated_by: string
  updated_at: Timestamp
}

/** A business day's snapshot header; its presence means the day's snapshot is complete. */
export interface SnapshotDaysTable {
  business_day: string
  built_at: Timestamp
  members: number
  joins: number
  /** Sum of every points balance at day end (net: debts count negative). */
  points_outstanding: Big
  /** Sum of the positive balances: what the merchant owes. */
  points_liability: Big
  /** Sum of the negative balances, as a positive number, and how many members owe. */
  points_debt: Big
  debtors: number
  points_held: Big
  /** Points in lots expiring in the next calendar month of the business calendar; null when built by backfill. */
  points_expiring_next_month: Big | null
  growth_outstanding: Big
  sign_ins: number
  make_ups: number
  orders: number
  order_fen: Big
  redemptions: number
  redemption_points: Big
  redemption_cash_fen: Big
  /** JSON array of counted-growth percentiles p0, p5, …, p100; null when built by backfill. */
  growth_quantiles: string | null
}

export interface SnapshotTierMembersTable {
  business_day: string
  tier_key: string
  members: number
  /** Within 20% of the next tier's threshold; null when built by backfill (and for the top tier). */
  near_next: number | null
  /** Validity ends within 30 days and counted growth then would miss the retain threshold; null by backfill. */
  retain_at_risk_30d: number | null
}

/** Tier changes of the day: kind join / upgrade / retain / downgrade / rule_publish; from_key '' for a join. */
export interface SnapshotTierMovesTable {
  business_day: string
  kind: string
  from_key: string
  to_key: string
  members: number
}

/** Tier at the end of the day before the period (from_key, '' = joined within it) → tier at the end of this day. */
export interface SnapshotTierMatrixTable {
  business_day: string
  period_days: number
  from_key: string
  to_key: string
  members: number
}

/** Median days to reach `to_key` from `from_key` ('' = from joining), over upgrades in the 365 days to the day. */
export interface SnapshotTierTimingTable {
  business_day: string
  from_key: string
  to_key: string
  median_days: number
  members: number
}

/** Sums of the day's ledger entries by ledger, source kind (a reversal counts under the kind it reverses) and flow. */
export interface SnapshotLedgerFlowsTable {
  business_day: string
  ledger: 'growth' | 'points'
  source_kind: string
  flow: 'issued' | 'spent' | 'expired' | 'clawed_back'
  /** Signed sum of the entries' amounts. */
  amount: Big
  entries: number
}

export interface SnapshotSignInStreaksTable {
  business_day: string
  cycle_day: number
  members: number
}

export interface SnapshotBenefitsTable {
  business_day: string
  benefit_key: string
  tier_key: string
  claims: number
  uses: number
  amount_fen: Big
}

export interface SnapshotRedemptionsTable {
  business_day: string
  item_id: string
  item_title: string
  redemptions: number
  quantity: number
  points: Big
  cash_fen: Big
}

/** Joins of the day by channel ('outlet_qr', 'shop', 'import') and store ('' for none). */
export interface SnapshotJoinsTable {
  business_day: string
  channel: string
  outlet_id: string
  joins: number
}

export interface SnapshotOutletDaysTable {
  business_day: string
  outlet_id: string
  scans: number
  staff_purchases: number
  staff_purchase_fen: Big
}

/** Members per segment × tier: dimension 'rfm' (group or 'none'), 'lifecycle' (stage) or 'tag' (tag). */
export interface SnapshotSegmentsTable {
  business_day: string
  dimension: 'rfm' | 'lifecycle' | 'tag'
  segment: string
  tier_key: string
  members: number
  monetary_fen: Big
  clv_fen: Big
}

export interface SnapshotBenefitReachTable {
  business_day: string
  benefit_key: string
  eligible: number
  claimers_90d: number
  users_90d: number
}

/**
 * A comparison's arms as sums (subject 'benefit:<key>' or 'sign_in'; arm 'treated', 'control' or 'holdout'): orders
 * and spend per member over `window_days`, enough for a difference of means and its 95% interval.
 */
export interface SnapshotComparisonsTable {
  business_day: string
  subject: string
  window_days: number
  arm: 'treated' | 'control' | 'holdout'
  members: number
  orders_sum: Big
  orders_sumsq: number
  spend_sum: Big
  spend_sumsq: number
}

/** Each store's join cohorts by join day, as known on `as_of_day` (rewritten whole every night). */
export interface SnapshotOutletCohortsTable {
  outlet_id: string
  join_day: string
  as_of_day: string
  joins: number
  first_orders: number
  repurchased_30d: number
}

/** The merchant's engagement settings (`EngagementSettings` of shared) as one JSON document; one row, id 'default'. */
export interface EngagementSettingsTable {
  id: string
  settings: string
  updated_by: string
  updated_at: Timestamp
}

/** The merchant's saved 用户协议 / 隐私政策; a kind without a row is still the install's default text (version 1). */
export interface LegalDocumentsTable {
  kind: string
  title: string
  body: string
  version: number
  updated_by: string
  updated_at: Timestamp
}

/** One member's acceptance of one version of the 用户协议 (`terms`) or 隐私政策 (`privacy`). */
export interface LegalAcceptancesTable {
  member_id: string
  kind: string
  version: number
  accepted_at: Timestamp
}

/** A saved segment: a `SegmentFilter` as JSON, evaluated at send time. */
export interface SegmentsTable {
  id: Frozen<string>
  name: string
  filter: string
  created_by: Frozen<string>
  created_at: Frozen<Timestamp>
  updated_at: Timestamp
  archived_at: Timestamp | null
}

/** A campaign to a segment; `planned_through` is the last member id planned, so a killed run resumes after it. */
export interface CampaignsTable {
  id: Frozen<string>
  name: Frozen<string>
  segment_id: Frozen<string>
  category: Frozen<string>
  /** `CampaignVariant[]` as JSON. */
  variants: Frozen<string>
  holdout_percent: Frozen<number>
  budget_coupons: Frozen<number | null>
  /** 1 when a segment larger than the budget was accepted and issuing stops at the budget. */
  stop_at_budget: Frozen<number>
  status: 'scheduled' | 'sending' | 'done' | 'cancelled'
  scheduled_at: Frozen<Timestamp>
  /** The last member id planned (decided), a batch at a time in member id order. */
  planned_through: string | null
  /** The last member id whose `sent` decision has its coupon and messages written (by the outbox drain). */
  delivered_through: string | null
  /** The `sent` decisions planned so far: the messages the campaign has to deliver. */
  messages_planned: number
  /** Of those, the ones whose coupon and messages the drain has written. */
  messages_delivered: number
  targeted: number
  coupons_issued: number
  created_by: Frozen<string>
  created_at: Frozen<Timestamp>
  started_at: Timestamp | null
  finished_at: Timestamp | null
}

/** One decision per (source, member, period): the unique dedupe key is what makes a journey or campaign fire once. */
export interface EngagementSendsTable {
  id: Frozen<string>
  source_type: Frozen<'journey' | 'campaign'>
  /** A journey key or a campaign id. */
  source_id: Frozen<string>
  member_id: Frozen<string>
  period: Frozen<string>
  dedupe_key: Frozen<string>
  arm: Frozen<'holdout' | 'A' | 'B'>
  outcome: Frozen<'sent' | 'holdout' | 'capped' | 'over_budget'>
  business_day: Frozen<string>
  decided_at: Frozen<Timestamp>
}

/** Every message to every channel; a channel that fails never blocks the others, each row retries on its own. */
export interface OutboxTable {
  id: Frozen<string>
  send_id: Frozen<string>
  member_id: Frozen<string>
  channel: Frozen<'inbox' | 'wechat' | 'sms'>
  category: Frozen<string>
  title: Frozen<string>
  body: Frozen<string>
  page: Frozen<string | null>
  template_id: Frozen<string | null>
  /** Rendered WeChat fields or SMS params as JSON. */
  payload: Frozen<string | null>
  state: 'pending' | 'sending' | 'sent' | 'failed' | 'skipped'
  attempts: number
  next_attempt_at: Timestamp | null
  last_error: string | null
  created_at: Frozen<Timestamp>
  sent_at: Timestamp | null
}

/** A member's notification choices; no row reads as nothing muted and no SMS consent. */
export interface MemberNotificationPrefsTable {
  member_id: string
  /** `MessageCategory[]` as JSON. */
  muted_categories: string
  sms_consent_at: Timestamp | null
  sms_opted_out_at: Timestamp | null
  updated_at: Timestamp
}

/** One accepted WeChat one-time subscription: one message may be sent against it, once. */
export interface WechatSubscriptionsTable {
  id: Frozen<string>
  member_id: Frozen<string>
  template_id: Frozen<string>
  accepted_at: Frozen<Timestamp>
  used_at: Timestamp | null
  outbox_id: string | null
  /** Why it was spent without a delivered message, e.g. `refused` for errcode 43101; null when used by a send. */
  spent_reason: string | null
}

/** A template the member answered with "总是保持以上选择" ticked: never prompted for again. */
export interface WechatSubscriptionChoicesTable {
  member_id: string
  template_id: string
  decision: string
  kept_at: Timestamp
}

/** The WeChat access token every instance shares, so a fetch by one does not invalidate another's. */
export interface WechatAccessTokensTable {
  app_id: string
  token: string
  expires_at: Timestamp
  fetched_at: Timestamp
}

/** One abuse-limit counter (issue 14): hits in the window that ends at `resets_at`. */
export interface RateLimitsTable {
  bucket: string
  hits: number
  resets_at: Timestamp
}

/**
 * One till purchase: the receipt before the coupon, the coupon's discount and what was paid; `posted` at once, or
 * `pending` (no ledger entries) until a store manager or operator approves (`approved`, posted then) or refuses it.
 */
export interface TillPurchasesTable {
  id: string
  order_id: string
  outlet_id: string
  staff_id: string
  member_id: string
  receipt_no: string
  amount_fen: number
  discount_fen: number
  paid_fen: number
  coupon_id: string | null
  status: 'posted' | 'pending' | 'approved' | 'refused'
  /** Which limit held a purchase for approval ('purchase_limit' or 'daily_total') and its value then. */
  hold_reason: 'purchase_limit' | 'daily_total' | null
  hold_limit_fen: number | null
  /** What the purchase earned when it was posted; 0 while pending or refused. */
  growth: number
  points: number
  business_day: string
  created_at: Frozen<Timestamp>
  decided_by: string | null
  decided_at: Timestamp | null
  refusal_reason: string | null
}

/** The merchant's till limits (`TillSettings` of shared) as one JSON document; one row, id 'default'. */
export interface TillSettingsTable {
  id: string
  settings: string
  updated_by: string
  updated_at: Timestamp
}
