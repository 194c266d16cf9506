import { ExpiringPoints, HistoryPage, HistoryQuery } from '@mc/shared'
import { Hono } from 'hono'
import type { AppEnv } from '../deps'
import { validate } from '../http/validate'
import { requireMember } from '../auth/require-member'
import { expiringPoints, ledgerHistory } from './ledger-history'
import { documentRoute } from '../openapi/document-route'

/** The member's own histories; the member id comes only from the session, never from the request. */
export const memberLedgerRoutes = new Hono<AppEnv>()
  .get(
    '/me/growth',
    documentRoute({
      summary: 'Growth history, newest first, by cursor',
      auth: 'member',
      ok: { 200: { description: 'One page of growth entries', schema: HistoryPage } },
    }),
    requireMember,
    validate('query', HistoryQuery),
    async (c) => c.json(await ledgerHistory(c.var.deps.db, c.var.memberId, 'growth', c.req.valid('query')), 200),
  )
  .get(
    '/me/points',
    documentRoute({
      summary: 'Points history, newest first, by cursor',
      auth: 'member',
      ok: { 200: { description: 'One page of points entries', schema: HistoryPage } },
    }),
    requireMember,
    validate('query', HistoryQuery),
    async (c) => c.json(await ledgerHistory(c.var.deps.db, c.var.memberId, 'points', c.req.valid('query')), 200),
  )
  .get(
    '/me/points/expiring',
    documentRoute({
      summary: 'Points that will lapse, soonest first',
      auth: 'member',
      ok: { 200: { description: 'Lapsing points by the instant they lapse', schema: ExpiringPoints } },
    }),
    requireMember,
    async (c) => c.json(await expiringPoints(c.var.deps.db, c.var.memberId, c.var.deps.clock.now()), 200),
  )
