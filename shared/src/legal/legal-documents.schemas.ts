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
