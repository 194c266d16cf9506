import { z } from 'zod'
import { ProgramRules } from './program-rules'
import { SimulationResult } from './simulate-program'
import { programTemplateKeys, type ProgramTemplateKey } from './templates/index'

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
export const DraftIssue = z.strictObject({ path: z.string(), message: z.string() })
export type DraftIssue = z.infer<typeof DraftIssue>

/** A draft as the merchant console edits it: the document as saved, and where it is not yet valid. */
export const DraftView = z
  .strictObject({
    id: z.string(),
    status: z.enum(['open', 'published', 'discarded']),
    baseVersion: z.number().int().nullable(),
    template: z.string().nullable(),
    publishedVersion: z.number().int().nullable(),
    /**
     * The rules document as saved, not validated: a draft may be saved while still invalid (a merchant edits in
     * steps), so it is any JSON object; `validation` says where it falls short of ProgramRules.
     */
    rules: z.record(z.string(), z.unknown()),
    validation: z.strictObject({ valid: z.boolean(), issues: z.array(DraftIssue) }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'DraftView' })
export type DraftView = z.infer<typeof DraftView>

/** The answer to a simulation: what publishing the draft would do, and how long working it out took. */
export const DraftSimulation = SimulationResult.extend({ elapsedMs: z.number().int() })
export type DraftSimulation = z.infer<typeof DraftSimulation>

/** What a publish (or a rollback, which publishes an older version again) did to members on the spot. */
export const PublishOutcome = z
  .strictObject({
    version: z.number().int(),
    upgraded: z.number().int(),
    lowered: z.number().int(),
    remapped: z.number().int(),
    /** The choice applied to members the new thresholds would lower; null when nobody would be lowered. */
    demotions: DemotionChoice.nullable(),
  })
  .meta({ id: 'PublishOutcome' })
export type PublishOutcome = z.infer<typeof PublishOutcome>

/** The industry templates a merchant starts a draft from. */
export const ProgramTemplatesResponse = z.strictObject({
  templates: z.array(
    z.strictObject({
      key: z.enum(programTemplateKeys as [ProgramTemplateKey, ...ProgramTemplateKey[]]),
      name: z.string(),
      rules: ProgramRules,
    }),
  ),
})
export type ProgramTemplatesResponse = z.infer<typeof ProgramTemplatesResponse>

/** A published version of the rules, without the rules themselves. */
export const ProgramVersionSummary = z.strictObject({
  version: z.number().int(),
  template: z.string().nullable(),
  note: z.string().nullable(),
  /** `operator:<id>`, `api_key:<id>` or `system`, as the audit log records it. */
  publishedBy: z.string(),
  /** Who that is, as people read it: the operator's or key's name, or 系统. */
  publishedByName: z.string(),
  publishedAt: z.string(),
  /** The merchant's choice for members the new thresholds would lower; null when nobody would be lowered. */
  demotions: DemotionChoice.nullable(),
  /** Where the rules came from: a draft id, or `rollback:<version>`. */
  source: z.string().nullable(),
})
export type ProgramVersionSummary = z.infer<typeof ProgramVersionSummary>

/** One published version with its rules, for the console's version view and its diffs. */
export const ProgramVersionDetail = ProgramVersionSummary.extend({ rules: ProgramRules }).meta({
  id: 'ProgramVersionDetail',
})
export type ProgramVersionDetail = z.infer<typeof ProgramVersionDetail>

/** Published versions, newest first. */
export const ProgramVersionsResponse = z.strictObject({ versions: z.array(ProgramVersionSummary) })
export type ProgramVersionsResponse = z.infer<typeof ProgramVersionsResponse>
