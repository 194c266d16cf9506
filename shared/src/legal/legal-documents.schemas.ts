import { z } from 'zod'

/** The two documents a shopper accepts at login: 《用户协议》 (`terms`) and 《隐私政策》 (`privacy`). */
export const legalDocumentKinds = ['terms', 'privacy'] as const
export const LegalDocumentKind = z.enum(legalDocumentKinds)
export type LegalDocumentKind = z.infer<typeof LegalDocumentKind>

export const LegalDocumentParam = z.strictObject({ kind: LegalDocumentKind })

/**
 * GET /api/legal/:kind (public) and the console's view: the text in force. `version` counts the merchant's edits
 * from 1 (the text the install started with), so a member's acceptance can name the text they saw.
 */
export const LegalDocumentView = z
  .strictObject({
    kind: LegalDocumentKind,
    title: z.string(),
    /** Plain text; paragraphs are separated by blank lines. */
    body: z.string(),
    version: z.number().int().positive(),
    /** When the merchant last saved it; null for the text the install started with. */
    updatedAt: z.string().nullable(),
  })
  .meta({ id: 'LegalDocumentView' })
export type LegalDocumentView = z.infer<typeof LegalDocumentView>

/** PUT /api/admin/legal/:kind: the whole document, replaced as one form. */
export const LegalDocumentUpdate = z.strictObject({
  title: z.string().trim().min(1, '请填写标题').max(40, '标题最多 40 个字'),
  body: z.string().trim().min(50, '正文至少 50 个字').max(20_000, '正文最多 20000 个字'),
})
export type LegalDocumentUpdate = z.infer<typeof LegalDocumentUpdate>

/** One document as the app showed it when the shopper ticked 同意: its kind and the version in force then. */
export const LegalAcceptance = z.strictObject({ kind: LegalDocumentKind, version: z.number().int().positive() })
export type LegalAcceptance = z.infer<typeof LegalAcceptance>

/** POST /api/me/legal/acceptances: the documents the member just agreed to (at login, joining or the prompt). */
export const LegalAcceptanceBody = z.strictObject({
  documents: z
    .array(LegalAcceptance)
    .min(1)
    .max(legalDocumentKinds.length)
    .refine((docs) => new Set(docs.map((d) => d.kind)).size === docs.length, '每份协议只需同意一次'),
})
export type LegalAcceptanceBody = z.infer<typeof LegalAcceptanceBody>

/**
 * GET /api/me/legal and the answer to an acceptance: the documents in force this member has not accepted (never,
 * or only an older version), which the app asks them to read and accept. Empty when nothing is needed.
 */
export const LegalAcceptanceStatus = z
  .strictObject({
    pending: z.array(
      z.strictObject({ kind: LegalDocumentKind, title: z.string(), version: z.number().int().positive() }),
    ),
  })
  .meta({ id: 'LegalAcceptanceStatus' })
export type LegalAcceptanceStatus = z.infer<typeof LegalAcceptanceStatus>
