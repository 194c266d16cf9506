import {
  AppError,
  CreateDraftBody,
  DraftSimulation,
  DraftView,
  PublishBody,
  PublishOutcome,
  ProgramTemplatesResponse,
  ProgramVersionDetail,
  ProgramVersionsResponse,
  ProgramRules,
  programTemplateKeys,
  programTemplates,
} from '@mc/shared'
import { Hono } from 'hono'
import { z } from 'zod'
import { actorDescriber } from '../auth/actor-names'
import { requirePermission } from '../auth/require-permission'
import type { AppEnv } from '../deps'
import { validate } from '../http/validate'
import { createDraft, draftView, findDraft, patchDraft } from './program-drafts'
import { publishRules } from './publish-draft'
import { simulateDraft } from './simulate-draft'
import { documentRoute } from '../openapi/document-route'

const DraftParam = z.object({ draftId: z.string().min(1).max(64) })
// Decimal digits only: `z.coerce.number()` read `0x10` or `1e1` as a version too.
const VersionParam = z.object({
  version: z
    .string()
    .regex(/^[0-9]{1,9}$/, { error: 'version must be decimal digits' })
    .transform(Number)
    .pipe(z.number().int().min(1)),
})
export const DraftPatch = z.record(z.string(), z.unknown())

/** Merchant rules editing: template → draft → simulate → publish, with history and rollback. All audited. */
export const programDraftRoutes = new Hono<AppEnv>()
  .get(
    '/program/templates',
    documentRoute({
      summary: 'The five industry templates',
      auth: 'admin',
      permission: 'program.read',
      ok: {
        200: {
          description: 'Each template by key, with its name and complete rules',
          schema: ProgramTemplatesResponse,
        },
      },
    }),
    requirePermission('program.read'),
    (c) => {
      const answer: ProgramTemplatesResponse = {
        templates: programTemplateKeys.map((key) => ({
          key,
          name: programTemplates[key].name,
          rules: programTemplates[key].rules,
        })),
      }
      return c.json(answer, 200)
    },
  )
  .post(
    '/program/drafts',
    documentRoute({
      summary: 'Start a draft from a template, a version, or the rules in force',
      auth: 'admin',
      permission: 'program.edit',
      ok: { 201: { description: 'The new draft, with its validation', schema: DraftView } },
      errors: ['VERSION_NOT_FOUND'],
    }),
    requirePermission('program.edit'),
    validate('json', CreateDraftBody),
    async (c) =>
      c.json(await createDraft(c.var.deps.db, c.req.valid('json'), c.var.principal.actor, c.var.deps.clock.now()), 201),
  )
  .get(
    '/program/drafts/:draftId',
    documentRoute({
      summary: 'A draft with its field-level validation',
      auth: 'admin',
      permission: 'program.read',
      ok: { 200: { description: 'The draft as saved, with its field-level issues', schema: DraftView } },
      errors: ['DRAFT_NOT_FOUND'],
    }),
    requirePermission('program.read'),
    validate('param', DraftParam),
    async (c) => c.json(draftView(await findDraft(c.var.deps.db, c.req.valid('param').draftId)), 200),
  )
  .patch(
    '/program/drafts/:draftId',
    documentRoute({
      summary: 'Edit a draft with a JSON merge patch; unknown fields are refused',
      auth: 'admin',
      permission: 'program.edit',
      ok: { 200: { description: 'The draft after the patch, with its validation', schema: DraftView } },
      errors: ['DRAFT_NOT_FOUND', 'DRAFT_NOT_OPEN'],
    }),
    requirePermission('program.edit'),
    validate('param', DraftParam),
    validate('json', DraftPatch),
    async (c) =>
      c.json(
        await patchDraft(
          c.var.deps.db,
          c.req.valid('param').draftId,
          c.req.valid('json'),
          c.var.principal.actor,
          c.var.deps.clock.now(),
        ),
        200,
      ),
  )
  .post(
    '/program/drafts/:draftId/simulate',
    documentRoute({
      summary: 'Replay members under the draft: distributions, moves, cost, warnings',
      auth: 'admin',
      permission: 'program.read',
      ok: { 200: { description: 'The predicted distributions, moves, cost and warnings', schema: DraftSimulation } },
      errors: ['DRAFT_NOT_FOUND', 'DRAFT_INVALID'],
    }),
    requirePermission('program.read'),
    validate('param', DraftParam),
    async (c) => c.json(await simulateDraft(c.var.deps.db, c.req.valid('param').draftId, c.var.deps.clock.now()), 200),
  )
  .post(
    '/program/drafts/:draftId/publish',
    documentRoute({
      summary: 'Publish a valid draft as a new version in one transaction',
      auth: 'admin',
      permission: 'program.edit',
      ok: { 201: { description: 'The new version and what it did to members', schema: PublishOutcome } },
      errors: ['DRAFT_NOT_FOUND', 'DEMOTION_CHOICE_REQUIRED', 'DRAFT_NOT_OPEN', 'DRAFT_INVALID'],
    }),
    requirePermission('program.edit'),
    validate('param', DraftParam),
    validate('json', PublishBody),
    async (c) => {
      const { db, clock } = c.var.deps
      const { draftId } = c.req.valid('param')
      const body = c.req.valid('json')
      const draft = await findDraft(db, draftId)
      const outcome = await publishRules(db, {
        rules: JSON.parse(draft.rules),
        source: draftId,
        template: draft.template,
        note: body.note ?? null,
        demotions: body.demotions,
        actor: c.var.principal.actor,
        now: clock.now(),
        // Claim the draft inside the publishing transaction, so two publishes of one draft cannot both succeed.
        beforePublish: async (trx) => {
          const claimed = await trx
            .updateTable('program_drafts')
            .set({ status: 'published', updated_at: clock.now().toISOString() })
            .where('id', '=', draftId)
            .where('status', '=', 'open')
            .executeTakeFirst()
          if (claimed.numUpdatedRows === 0n) throw new AppError('DRAFT_NOT_OPEN', { draftId })
        },
      })
      await db
        .updateTable('program_drafts')
        .set({ published_version: outcome.version })
        .where('id', '=', draftId)
        .execute()
      return c.json(outcome, 201)
    },
  )
  .get(
    '/program/versions',
    documentRoute({
      summary: 'Published versions: who, when, source and demotion choice',
      auth: 'admin',
      permission: 'program.read',
      ok: { 200: { description: 'Published versions, newest first', schema: ProgramVersionsResponse } },
    }),
    requirePermission('program.read'),
    async (c) => {
      const rows = await c.var.deps.db
        .selectFrom('program_versions')
        .select(['version', 'template', 'note', 'published_by', 'published_at', 'demotions', 'source'])
        .orderBy('version', 'desc')
        .execute()
      const describeActor = await actorDescriber(
        c.var.deps.db,
        rows.map((r) => r.published_by),
      )
      const answer: ProgramVersionsResponse = {
        versions: rows.map((r) => ({
          version: r.version,
          template: r.template,
          note: r.note,
          publishedBy: r.published_by,
          publishedByName: describeActor(r.published_by).actorName,
          publishedAt: r.published_at,
          demotions: r.demotions,
          source: r.source,
        })),
      }
      return c.json(answer, 200)
    },
  )
  .get(
    '/program/versions/:version',
    documentRoute({
      summary: 'One published version with its rules',
      auth: 'admin',
      permission: 'program.read',
      ok: { 200: { description: 'The version, who published it, and its rules', schema: ProgramVersionDetail } },
      errors: ['VERSION_NOT_FOUND'],
    }),
    requirePermission('program.read'),
    validate('param', VersionParam),
    async (c) => {
      const { version } = c.req.valid('param')
      const row = await c.var.deps.db
        .selectFrom('program_versions')
        .select(['version', 'template', 'note', 'published_by', 'published_at', 'demotions', 'source', 'rules'])
        .where('version', '=', version)
        .executeTakeFirst()
      if (!row) throw new AppError('VERSION_NOT_FOUND', { version })
      const describeActor = await actorDescriber(c.var.deps.db, [row.published_by])
      const answer: ProgramVersionDetail = {
        version: row.version,
        template: row.template,
        note: row.note,
        publishedBy: row.published_by,
        publishedByName: describeActor(row.published_by).actorName,
        publishedAt: row.published_at,
        demotions: row.demotions,
        source: row.source,
        rules: ProgramRules.parse(JSON.parse(row.rules)),
      }
      return c.json(answer, 200)
    },
  )
  .post(
    '/program/versions/:version/rollback',
    documentRoute({
      summary: 'Publish an older version again as a new version',
      auth: 'admin',
      permission: 'program.edit',
      ok: { 201: { description: 'The new version and what it did to members', schema: PublishOutcome } },
      errors: ['VERSION_NOT_FOUND', 'DEMOTION_CHOICE_REQUIRED'],
    }),
    requirePermission('program.edit'),
    validate('param', VersionParam),
    validate('json', PublishBody),
    async (c) => {
      const { db, clock } = c.var.deps
      const { version } = c.req.valid('param')
      const row = await db
        .selectFrom('program_versions')
        .select(['rules', 'template'])
        .where('version', '=', version)
        .executeTakeFirst()
      if (!row) throw new AppError('VERSION_NOT_FOUND', { version })
      const body = c.req.valid('json')
      const outcome = await publishRules(db, {
        rules: JSON.parse(row.rules),
        source: `rollback:${version}`,
        template: row.template,
        note: body.note ?? `回滚到版本 ${version}`,
        demotions: body.demotions,
        actor: c.var.principal.actor,
        now: clock.now(),
      })
      return c.json(outcome, 201)
    },
  )
