import {
  AdjustmentBody,
  AdjustmentResponse,
  AdminHistoryPage,
  AppError,
  EntryReversalBody,
  EntryReversalResponse,
  HistoryQuery,
  IdempotencyHeader,
} from '@mc/shared'
import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../deps'
import { validate } from '../http/validate'
import { adminLedgerHistory } from '../ledger/ledger-history'
import { adjustBalance } from './adjust-balance'
import { idempotentAdminWrite } from './idempotent-admin-write'
import { reverseMemberEntry } from './reverse-member-entry'
import { requirePermission } from '../auth/require-permission'
import { documentRoute } from '../openapi/document-route'

const MemberParam = z.object({ memberId: z.string().min(1).max(64) })
const EntryParam = MemberParam.extend({ entryId: z.string().min(1).max(64) })
const LedgerQuery = HistoryQuery.extend({ ledger: z.enum(['growth', 'points']) })

/** Merchant back-office: look at a member's ledger and correct it, every change audited. */
export const adminRoutes = new Hono<AppEnv>()
  .post(
    '/members/:memberId/adjustments',
    documentRoute({
      summary: 'Audited manual adjustment of growth or points',
      auth: 'admin',
      permission: 'members.adjust',
      ok: {
        201: { description: 'The adjustment posted', schema: AdjustmentResponse },
        200: { description: 'The first answer, replayed for the same Idempotency-Key', schema: AdjustmentResponse },
      },
      errors: ['MEMBER_NOT_FOUND', 'POINTS_INSUFFICIENT', 'GROWTH_INSUFFICIENT', 'IDEMPOTENCY_KEY_REUSED'],
    }),
    requirePermission('members.adjust'),
    validate('param', MemberParam),
    validate('header', IdempotencyHeader),
    validate('json', AdjustmentBody),
    async (c) => {
      const { memberId } = c.req.valid('param')
      const key = c.req.valid('header')['idempotency-key']
      const body = c.req.valid('json')
      const answer = await idempotentAdminWrite(
        c.var.deps,
        { scope: 'admin_adjustment', key, body: { memberId, ...body }, actor: c.var.principal.actor },
        ({ trx, ...context }) => adjustBalance(trx, { memberId, body, ...context }),
      )
      return c.json(answer.body, answer.status)
    },
  )
  .get(
    '/members/:memberId/ledger',
    documentRoute({
      summary: "A member's full ledger",
      auth: 'admin',
      permission: 'members.read',
      ok: {
        200: {
          description: 'One page of the ledger, newest first, with rule versions and who posted',
          schema: AdminHistoryPage,
        },
      },
      errors: ['MEMBER_NOT_FOUND'],
    }),
    requirePermission('members.read'),
    validate('param', MemberParam),
    validate('query', LedgerQuery),
    async (c) => {
      const { memberId } = c.req.valid('param')
      const { ledger, ...page } = c.req.valid('query')
      const member = await c.var.deps.db
        .selectFrom('members')
        .select('id')
        .where('id', '=', memberId)
        .executeTakeFirst()
      if (!member) throw new AppError('MEMBER_NOT_FOUND', { memberId })
      return c.json(await adminLedgerHistory(c.var.deps.db, memberId, ledger, page), 200)
    },
  )
  .post(
    '/members/:memberId/entries/:entryId/reversal',
    documentRoute({
      summary: 'Audited reversal of one ledger entry, whole or in part',
      auth: 'admin',
      permission: 'members.adjust',
      ok: {
        201: { description: 'The reversing entry posted', schema: EntryReversalResponse },
        200: { description: 'The first answer, replayed for the same Idempotency-Key', schema: EntryReversalResponse },
      },
      errors: [
        'MEMBER_NOT_FOUND',
        'ENTRY_NOT_FOUND',
        'ALREADY_REVERSED',
        'POINTS_INSUFFICIENT',
        'GROWTH_INSUFFICIENT',
        'IDEMPOTENCY_KEY_REUSED',
      ],
    }),
    requirePermission('members.adjust'),
    validate('param', EntryParam),
    validate('header', IdempotencyHeader),
    validate('json', EntryReversalBody),
    async (c) => {
      const { memberId, entryId } = c.req.valid('param')
      const key = c.req.valid('header')['idempotency-key']
      const body = c.req.valid('json')
      const answer = await idempotentAdminWrite(
        c.var.deps,
        { scope: 'admin_reversal', key, body: { memberId, entryId, ...body }, actor: c.var.principal.actor },
        ({ trx, ...context }) => reverseMemberEntry(trx, { memberId, entryId, body, ...context }),
      )
      return c.json(answer.body, answer.status)
    },
  )
