import {
  AppError,
  AutomationResults,
  AutomationResultsQuery,
  EngagementSettings,
  JourneyKey,
  JourneyKeyParam,
  JourneyList,
  JourneyPreview,
  JourneyPreviewBody,
} from '@mc/shared'
import { Hono } from 'hono'
import { requirePermission } from '../../auth/require-permission'
import type { AppEnv } from '../../deps'
import { validate } from '../../http/validate'
import { documentRoute } from '../../openapi/document-route'
import { readEngagementSettings, saveEngagementSettings } from '../../outreach/engagement-settings'
import { automationResults } from '../results'
import { listJourneys } from './journey-list'
import { previewJourney } from './preview-journey'

/** A built-in journey's key from the path; anything else is JOURNEY_NOT_FOUND (404), not a validation error. */
function journeyKey(key: string): JourneyKey {
  const parsed = JourneyKey.safeParse(key)
  if (!parsed.success) throw new AppError('JOURNEY_NOT_FOUND', { key })
  return parsed.data
}

/** The merchant's automation: journey and channel settings, the rules list, previews with real members, results. */
export const journeyRoutes = new Hono<AppEnv>()
  .get(
    '/automation/settings',
    documentRoute({
      summary: 'Engagement settings: each journey, the weekly cap, quiet hours and the channel templates',
      auth: 'admin',
      permission: 'engagement.read',
      ok: { 200: { description: 'The settings (defaults where never saved)', schema: EngagementSettings } },
    }),
    requirePermission('engagement.read'),
    async (c) => c.json(await readEngagementSettings(c.var.deps.db), 200),
  )
  .put(
    '/automation/settings',
    documentRoute({
      summary: 'Replace the engagement settings; copy naming an unknown placeholder is refused field by field; audited',
      auth: 'admin',
      permission: 'engagement.edit',
      ok: { 200: { description: 'The settings as saved', schema: EngagementSettings } },
    }),
    requirePermission('engagement.edit'),
    validate('json', EngagementSettings),
    async (c) => {
      const { db, clock } = c.var.deps
      return c.json(await saveEngagementSettings(db, c.req.valid('json'), c.var.principal.actor, clock.now()), 200)
    },
  )
  .get(
    '/automation/journeys',
    documentRoute({
      summary: 'The journeys (automation rules) with their settings and decisions of the last 30 days',
      auth: 'admin',
      permission: 'engagement.read',
      ok: { 200: { description: 'Every built-in journey', schema: JourneyList } },
    }),
    requirePermission('engagement.read'),
    async (c) => c.json(await listJourneys(c.var.deps.db, c.var.deps.clock.now()), 200),
  )
  .post(
    '/automation/journeys/:key/preview',
    documentRoute({
      summary: 'A journey’s copy rendered with a real member’s values, and the channels that member would get',
      auth: 'admin',
      permission: 'engagement.read',
      ok: { 200: { description: 'The rendered message', schema: JourneyPreview } },
      errors: ['JOURNEY_NOT_FOUND', 'MEMBER_NOT_FOUND'],
    }),
    requirePermission('engagement.read'),
    validate('param', JourneyKeyParam),
    validate('json', JourneyPreviewBody),
    async (c) => {
      const key = journeyKey(c.req.valid('param').key)
      const { db, clock } = c.var.deps
      return c.json(await previewJourney(db, key, c.req.valid('json'), clock.now()), 200)
    },
  )
  .get(
    '/automation/journeys/:key/results',
    documentRoute({
      summary: 'A journey’s results: reach, delivery per channel, coupons, and orders and spend treated vs holdout',
      auth: 'admin',
      permission: 'engagement.read',
      ok: { 200: { description: 'The comparison, or 样本不足 with the members needed', schema: AutomationResults } },
      errors: ['JOURNEY_NOT_FOUND', 'RANGE_BACKWARDS'],
    }),
    requirePermission('engagement.read'),
    validate('param', JourneyKeyParam),
    validate('query', AutomationResultsQuery),
    async (c) => {
      const key = journeyKey(c.req.valid('param').key)
      const { db, clock } = c.var.deps
      return c.json(await automationResults(db, { type: 'journey', id: key }, c.req.valid('query'), clock.now()), 200)
    },
  )
