import { z } from 'zod'
import { HistoryEntry } from '../ledger/history'

/**
 * GET /api/me/export: everything the member center holds about one member (PIPL's right of access and portability,
 * DESIGN.md §7), as one JSON document. Credentials are left out on purpose: session token hashes, the member
 * code's secret and the WeChat session key would only help someone impersonate the member; their existence is
 * still listed (sessions with their dates, the card number).
 */
const nullableString = z.string().nullable()
const int = z.number().int()

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()])

/** The member row: the fields every reader expects, and any other column the row holds (each one is exported). */
const ExportProfile = z
  .object({
    id: z.string(),
    phone: nullableString,
    openid: nullableString,
    unionid: nullableString,
    nickname: z.string(),
    avatar: nullableString,
    gender: nullableString,
    birthday: nullableString,
    region: nullableString,
    joinedAt: nullableString,
    sourceChannel: nullableString,
    sourceOutlet: z.strictObject({ id: z.string(), name: z.string() }).nullable(),
    createdAt: z.string(),
  })
  .catchall(z.unknown())

const ExportLedger = z.strictObject({
  balance: int,
  /** Every entry, oldest first, each with the sentence that explains it. */
  entries: z.array(HistoryEntry),
})

const ExportLot = z.strictObject({
  id: z.string(),
  amount: int,
  remaining: int,
  expiresAt: nullableString,
  createdAt: z.string(),
})

const ExportRecord = z.record(z.string(), scalar)

export const MemberDataExport = z
  .strictObject({
    format: z.literal('mc-member-data'),
    version: z.literal(1),
    exportedAt: z.string(),
    profile: ExportProfile,
    tier: z
      .strictObject({ key: z.string(), name: z.string(), validUntil: nullableString, since: z.string() })
      .nullable(),
    tierHistory: z.array(
      z.strictObject({
        kind: z.string(),
        fromKey: nullableString,
        /** The tiers' names under the rules in force at export (a key a later program dropped reads as the key). */
        fromName: nullableString,
        toKey: z.string(),
        toName: z.string(),
        validUntil: nullableString,
        growth: int,
        businessDay: z.string(),
        createdAt: z.string(),
      }),
    ),
    growth: ExportLedger,
    points: ExportLedger.extend({
      held: int,
      lots: z.array(ExportLot),
      holds: z.array(ExportRecord),
      extensions: z.array(ExportRecord),
    }),
    orders: z.array(z.object({ lines: z.array(ExportRecord), refunds: z.array(ExportRecord) }).catchall(z.unknown())),
    /** In-store purchases recorded at the till, including those waiting for or refused approval. */
    storePurchases: z.array(ExportRecord),
    coupons: z.array(ExportRecord),
    benefitClaims: z.array(ExportRecord),
    /** Each coupon issued and used, with the tier the member had then. */
    benefitEvents: z.array(ExportRecord),
    /** Mall redemptions; a delivery's address is the object the member typed. */
    redemptions: z.array(
      z
        .object({ delivery: z.strictObject({ name: z.string(), phone: z.string(), address: z.string() }).nullable() })
        .catchall(z.unknown()),
    ),
    signIns: z.array(ExportRecord),
    /** The inbox, and every message sent or queued to WeChat or SMS. */
    messages: z.array(ExportRecord),
    outboundMessages: z.array(ExportRecord),
    notificationSettings: z
      .strictObject({
        mutedCategories: z.array(z.string()),
        smsConsentAt: nullableString,
        smsOptedOutAt: nullableString,
      })
      .nullable(),
    subscriptions: z.array(ExportRecord),
    subscriptionChoices: z.array(ExportRecord),
    /** Each journey or campaign decision about the member (sent, held out, capped), with its A/B arm. */
    marketingDecisions: z.array(ExportRecord),
    /** What the merchant's analytics concluded about the member: tags and scores. */
    tags: z.array(ExportRecord),
    insights: ExportRecord.nullable(),
    memberCode: z.strictObject({ cardNo: z.string(), createdAt: z.string() }).nullable(),
    memberCodeUses: z.array(ExportRecord),
    /** Which version of the 用户协议 and 隐私政策 the member accepted, and when. */
    agreementAcceptances: z.array(ExportRecord),
    sessions: z.array(z.strictObject({ createdAt: z.string(), expiresAt: z.string(), revokedAt: nullableString })),
  })
  .meta({ id: 'MemberDataExport' })
export type MemberDataExport = z.infer<typeof MemberDataExport>

/** The file name the export downloads as, ASCII so every browser keeps it: member-data-<id>-<YYYY-MM-DD>.json. */
export const memberDataFileName = (memberId: string, exportedAt: string) =>
  `member-data-${memberId}-${exportedAt.slice(0, 10)}.json`
