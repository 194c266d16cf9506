import {
  AutomationIdParam,
  SegmentBody,
  SegmentList,
  SegmentPreview,
  SegmentPreviewBody,
  SegmentView,
} from '@mc/shared'
import { Hono } from 'hono'
import { requirePermission } from '../../auth/require-permission'
import type { AppEnv } from '../../deps'
import { validate } from '../../http/validate'
import { documentRoute } from '../../openapi/document-route'
import { previewSegment } from './preview-segment'
import { archiveSegment, createSegment, getSegment, listSegments, updateSegment } from './segments'

/** Saved segments (engagement.read to read and preview, engagement.edit to write; writes are audited). */
export const segmentRoutes = new Hono<AppEnv>()
  .get(
    '/segments',
    documentRoute({
      summary: 'Saved segments that are not archived, newest first, each with its filter in words',
      auth: 'admin',
      permission: 'engagement.read',
      ok: { 200: { description: 'The segments', schema: SegmentList } },
    }),
    requirePermission('engagement.read'),
    async (c) => c.json(await listSegments(c.var.deps.db), 200),
  )
  .post(
    '/segments/preview',
    documentRoute({
      summary: 'How many members a filter selects now and the first 20 of them (phones masked)',
      auth: 'admin',
      permission: 'engagement.read',
      ok: { 200: { description: 'The count and a sample', schema: SegmentPreview } },
    }),
    requirePermission('engagement.read'),
    validate('json', SegmentPreviewBody),
    async (c) => c.json(await previewSegment(c.var.deps.db, c.req.valid('json').filter, c.var.deps.clock.now()), 200),
  )
  .post(
    '/segments',
    documentRoute({
      summary: 'Save a segment; unknown tiers or stores are field errors; audited',
      auth: 'admin',
      permission: 'engagement.edit',
      ok: { 201: { description: 'The saved segment', schema: SegmentView } },
    }),
    requirePermission('engagement.edit'),
    validate('json', SegmentBody),
    async (c) => {
      const { db, clock } = c.var.deps
      return c.json(await createSegment(db, c.req.valid('json'), c.var.principal.actor, clock.now()), 201)
    },
  )
  .get(
    '/segments/:id',
    documentRoute({
      summary: 'One saved segment',
      auth: 'admin',
      permission: 'engagement.read',
      ok: { 200: { description: 'The segment', schema: SegmentView } },
      errors: ['SEGMENT_NOT_FOUND'],
    }),
    requirePermission('engagement.read'),
    validate('param', AutomationIdParam),
    async (c) => c.json(await getSegment(c.var.deps.db, c.req.valid('param').id), 200),
  )
  .put(
    '/segments/:id',
    documentRoute({
      summary: 'Rename a segment or change its filter (campaigns evaluate it when they send); audited',
      auth: 'admin',
      permission: 'engagement.edit',
      ok: { 200: { description: 'The segment as saved', schema: SegmentView } },
      errors: ['SEGMENT_NOT_FOUND'],
    }),
    requirePermission('engagement.edit'),
    validate('param', AutomationIdParam),
    validate('json', SegmentBody),
    async (c) => {
      const { db, clock } = c.var.deps
      const view = await updateSegment(
        db,
        c.req.valid('param').id,
        c.req.valid('json'),
        c.var.principal.actor,
        clock.now(),
      )
      return c.json(view, 200)
    },
  )
  .delete(
    '/segments/:id',
    documentRoute({
      summary: 'Archive a segment (kept for the campaigns sent to it; no new campaign can use it); audited',
      auth: 'admin',
      permission: 'engagement.edit',
      ok: { 200: { description: 'The segment as it was', schema: SegmentView } },
      errors: ['SEGMENT_NOT_FOUND'],
    }),
    requirePermission('engagement.edit'),
    validate('param', AutomationIdParam),
    async (c) => {
      const { db, clock } = c.var.deps
      return c.json(await archiveSegment(db, c.req.valid('param').id, c.var.principal.actor, clock.now()), 200)
    },
  )
