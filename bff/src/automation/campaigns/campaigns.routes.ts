import {
  AutomationIdParam,
  AutomationResults,
  AutomationResultsQuery,
  CampaignBody,
  CampaignListQuery,
  CampaignPage,
  CampaignView,
} from '@mc/shared'
import { Hono } from 'hono'
import { requirePermission } from '../../auth/require-permission'
import type { AppEnv } from '../../deps'
import { validate } from '../../http/validate'
import { documentRoute } from '../../openapi/document-route'
import { automationResults } from '../results'
import { cancelCampaign, createCampaign, getCampaign, listCampaigns } from './campaigns'

/** Campaigns to a saved segment: scheduled here, sent by the campaigns job (jobs/run-campaigns.ts). */
export const campaignRoutes = new Hono<AppEnv>()
  .post(
    '/campaigns',
    documentRoute({
      summary:
        'Schedule a campaign to a segment (now or later), with holdout, A/B variants and a coupon budget; audited',
      auth: 'admin',
      permission: 'engagement.edit',
      ok: { 201: { description: 'The campaign, scheduled', schema: CampaignView } },
      errors: ['CAMPAIGN_SEGMENT_MISSING', 'CAMPAIGN_SCHEDULE_PAST', 'CAMPAIGN_OVER_BUDGET'],
    }),
    requirePermission('engagement.edit'),
    validate('json', CampaignBody),
    async (c) => {
      const { db, clock } = c.var.deps
      return c.json(await createCampaign(db, c.req.valid('json'), c.var.principal.actor, clock.now()), 201)
    },
  )
  .get(
    '/campaigns',
    documentRoute({
      summary: 'Campaigns, newest first, a page at a time',
      auth: 'admin',
      permission: 'engagement.read',
      ok: { 200: { description: 'One page and the cursor of the next', schema: CampaignPage } },
    }),
    requirePermission('engagement.read'),
    validate('query', CampaignListQuery),
    async (c) => c.json(await listCampaigns(c.var.deps.db, c.req.valid('query')), 200),
  )
  .get(
    '/campaigns/:id',
    documentRoute({
      summary: 'One campaign with its progress (members planned, coupons issued)',
      auth: 'admin',
      permission: 'engagement.read',
      ok: { 200: { description: 'The campaign', schema: CampaignView } },
      errors: ['CAMPAIGN_NOT_FOUND'],
    }),
    requirePermission('engagement.read'),
    validate('param', AutomationIdParam),
    async (c) => c.json(await getCampaign(c.var.deps.db, c.req.valid('param').id), 200),
  )
  .post(
    '/campaigns/:id/cancel',
    documentRoute({
      summary: 'Cancel a campaign that has not started sending; audited',
      auth: 'admin',
      permission: 'engagement.edit',
      ok: { 200: { description: 'The campaign, cancelled', schema: CampaignView } },
      errors: ['CAMPAIGN_NOT_FOUND', 'CAMPAIGN_NOT_CANCELLABLE'],
    }),
    requirePermission('engagement.edit'),
    validate('param', AutomationIdParam),
    async (c) => {
      const { db, clock } = c.var.deps
      return c.json(await cancelCampaign(db, c.req.valid('param').id, c.var.principal.actor, clock.now()), 200)
    },
  )
  .get(
    '/campaigns/:id/results',
    documentRoute({
      summary:
        'A campaign’s results: reach, delivery per channel, coupons, and orders and spend treated vs holdout, A vs B',
      auth: 'admin',
      permission: 'engagement.read',
      ok: { 200: { description: 'The results as a report', schema: AutomationResults } },
      errors: ['CAMPAIGN_NOT_FOUND'],
    }),
    requirePermission('engagement.read'),
    validate('param', AutomationIdParam),
    validate('query', AutomationResultsQuery),
    async (c) => {
      const { db, clock } = c.var.deps
      const campaign = await getCampaign(db, c.req.valid('param').id)
      const source = { type: 'campaign' as const, id: campaign.id }
      return c.json(await automationResults(db, source, c.req.valid('query'), clock.now()), 200)
    },
  )
