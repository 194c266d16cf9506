import {
  AppError,
  mergePatch,
  newId,
  programTemplates,
  ProgramRules,
  type CreateDraftBody,
  type DraftIssue,
  type DraftView,
  type ProgramTemplateKey,
} from '@mc/shared'
import type { Kysely, Selectable, Transaction } from 'kysely'
import { fieldIssues } from '../http/validate'
import type { Database, ProgramDraftsTable } from '../db/schema'
import { audit } from '../audit/audit'
import { publishedProgram } from '../program/published-program'

export function draftIssues(rules: unknown): DraftIssue[] {
  const result = ProgramRules.safeParse(rules)
  return result.success ? [] : fieldIssues(result.error)
}

/** The rules of a draft that may be simulated or published; an invalid one is 422 with its field issues. */
export function validDraftRules(rules: unknown): ProgramRules {
  const result = ProgramRules.safeParse(rules)
  if (!result.success) throw new AppError('DRAFT_INVALID', { issues: fieldIssues(result.error) })
  return result.data
}

export function draftView(row: Selectable<ProgramDraftsTable>): DraftView {
  const rules = JSON.parse(row.rules)
  const issues = draftIssues(rules)
  return {
    id: row.id,
    status: row.status,
    baseVersion: row.base_version,
    template: row.template,
    publishedVersion: row.published_version,
    rules,
    validation: { valid: issues.length === 0, issues },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

export async function findDraft(db: Kysely<Database> | Transaction<Database>, id: string) {
  const row = await db.selectFrom('program_drafts').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) throw new AppError('DRAFT_NOT_FOUND', { draftId: id })
  return row
}

export async function createDraft(
  db: Kysely<Database>,
  body: CreateDraftBody,
  actor: string,
  now: Date,
): Promise<DraftView> {
  const current = await publishedProgram(db)
  let rules: unknown = current.rules
  let baseVersion: number | null = current.version
  if (body.template) {
    rules = programTemplates[body.template as ProgramTemplateKey].rules
    baseVersion = null
  } else if (body.fromVersion) {
    const row = await db
      .selectFrom('program_versions')
      .select('rules')
      .where('version', '=', body.fromVersion)
      .executeTakeFirst()
    if (!row) throw new AppError('VERSION_NOT_FOUND', { version: body.fromVersion })
    rules = JSON.parse(row.rules)
    baseVersion = body.fromVersion
  }
  const row = {
    id: newId('drf', now.getTime()),
    rules: JSON.stringify(rules),
    base_version: baseVersion,
    template: body.template ?? null,
    status: 'open' as const,
    published_version: null,
    created_by: actor,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  }
  await db.insertInto('program_drafts').values(row).execute()
  await audit(db, {
    actor,
    action: 'program.draft.create',
    targetType: 'program_draft',
    targetId: row.id,
    detail: body,
    now,
  })
  return draftView(row)
}

/**
 * Applies a JSON merge patch. A draft may be saved while still invalid (a merchant edits in steps), but a
 * field the schema does not know is refused outright, so a typo never silently disappears.
 */
export async function patchDraft(
  db: Kysely<Database>,
  id: string,
  patch: Record<string, unknown>,
  actor: string,
  now: Date,
): Promise<DraftView> {
  const row = await findDraft(db, id)
  if (row.status !== 'open') throw new AppError('DRAFT_NOT_OPEN', { draftId: id, status: row.status })
  const rules = mergePatch(JSON.parse(row.rules), patch)
  const unknown =
    ProgramRules.safeParse(rules).error?.issues.filter((issue) => issue.code === 'unrecognized_keys') ?? []
  if (unknown.length > 0) {
    throw new AppError('INVALID_REQUEST', {
      issues: unknown.map((issue) => ({
        path: [...issue.path, ...('keys' in issue ? issue.keys : [])].join('.'),
        message: `未知字段 / unknown field`,
      })),
    })
  }
  await db
    .updateTable('program_drafts')
    .set({ rules: JSON.stringify(rules), updated_at: now.toISOString() })
    .where('id', '=', id)
    .execute()
  await audit(db, {
    actor,
    action: 'program.draft.edit',
    targetType: 'program_draft',
    targetId: id,
    detail: { patch },
    now,
  })
  return draftView(await findDraft(db, id))
}
