import { TierLadder } from '@mc/shared'
import { Hono } from 'hono'
import type { AppEnv } from '../deps'
import { tierView } from './tier-view'
import { publishedProgram } from '../program/published-program'
import { documentRoute } from '../openapi/document-route'

/** Public: the tier ladder a visitor sees before joining (names, thresholds, colours, benefits). */
export const tierRoutes = new Hono<AppEnv>().get(
  '/program/tiers',
  documentRoute({
    summary: 'The published tier ladder',
    auth: 'none',
    ok: { 200: { description: 'The tiers, lowest first, and the program version', schema: TierLadder } },
  }),
  async (c) => {
    const { rules, version } = await publishedProgram(c.var.deps.db)
    const body: TierLadder = {
      version,
      tiers: rules.tiers.map((tier) => tierView(tier, rules)),
    }
    return c.json(body, 200)
  },
)
