import { z } from 'zod'
import { programTemplateKeys } from './templates/index'

/** Start a draft from a template, from a published version, or (empty body) from the version in force. */
export const CreateDraftBody = z
  .strictObject({
    template: z.enum(programTemplateKeys as [string, ...string[]]).optional(),
    fromVersion: z.number().int().min(1).optional(),
  })
  .refine((b) => !(b.template && b.fromVersion), {
    error: '只能选择模板或版本之一 / choose a template or a version, not both',
  })
export type CreateDraftBody = z.infer<typeof CreateDraftBody>

/** What to do with members the new thresholds would lower; required only when someone would be lowered. */
export const DemotionChoice = z.enum(['keep_until_validity_end', 'apply_now'])
export type DemotionChoice = z.infer<typeof DemotionChoice>

export const PublishBody = z.strictObject({
  demotions: DemotionChoice.optional(),
  note: z.string().trim().max(200).optional(),
})
export type PublishBody = z.infer<typeof PublishBody>

/** A field-level problem in a draft: `path` like `tiers.1.threshold`, message in Chinese / English. */
export interface DraftIssue {
  path: string
  message: string
}

export interface DraftView {
  id: string
  status: 'open' | 'published' | 'discarded'
  baseVersion: number | null
  template: string | null
  publishedVersion: number | null
  rules: unknown
  validation: { valid: boolean; issues: DraftIssue[] }
  createdAt: string
  updatedAt: string
}
