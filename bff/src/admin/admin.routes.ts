import {
  AdjustmentBody,
  AdjustmentResponse,
  AppError,
  EntryReversalBody,
  EntryReversalResponse,
  HistoryPage,
  HistoryQuery,
  IdempotencyHeader,
} from '@mc/shared'
import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../deps'
import { runIdempotent } from '../http/idempotency'
import { validate } from '../http/validate'
import { ledgerHistory } from '../ledger/ledger-history'
import { publishedProgram } from '../program/published-program'
import { adjustBalance } from './adjust-balance'
import { reverseMemberEntry } from './reverse-member-entry'
import { requireAdmin } from '../auth/require-admin'
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
      ok: {
        201: { description: 'The adjustment posted', schema: AdjustmentResponse },
        200: { description: 'The first answer, replayed for the same Idempotency-Key', schema: AdjustmentResponse },
      },
      errors: ['MEMBER_NOT_FOUND', 'POINTS_INSUFFICIENT', 'GROWTH_INSUFFICIENT', 'IDEMPOTENCY_KEY_REUSED'],
    }),
    requireAdmin,
    validate('param', MemberParam),
    validate('header', IdempotencyHeader),
    validate('json', AdjustmentBody),
    async (c) => {
      const { db, clock } = c.var.deps
      const { memberId } = c.req.valid('param')
      const key = c.req.valid('header')['idempotency-key']
      const body = c.req.valid('json')
      const now = clock.now()
      const result = await runIdempotent(
        db,
        { scope: 'admin_adjustment', key, body: { memberId, ...body }, now },
        async (trx) => ({
          status: 201,
          body: await adjustBalance(trx, {
            memberId,
            body,
            adminId: 'admin',
            idempotencyKey: key,
            program: await publishedProgram(trx),
            now,
          }),
        }),
      )
      return c.json(result.body, result.replayed ? 200 : 201)
    },
  )
  .get(
    '/members/:memberId/ledger',
    documentRoute({
      summary: "A member's full ledger",
      auth: 'admin',
      ok: { 200: { description: 'One page of the ledger, newest first', schema: HistoryPage } },
      errors: ['MEMBER_NOT_FOUND'],
    }),
    requireAdmin,
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
      return c.json(await ledgerHistory(c.var.deps.db, memberId, ledger, page), 200)
    },
  )
  .post(
    '/members/:memberId/entries/:entryId/reversal',
    documentRoute({
      summary: 'Audited reversal of one ledger entry, whole or in part',
      auth: 'admin',
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
    requireAdmin,
    validate('param', EntryParam),
    validate('header', IdempotencyHeader),
    validate('json', EntryReversalBody),
    async (c) => {
      const { db, clock } = c.var.deps
      const { memberId, entryId } = c.req.valid('param')
      const key = c.req.valid('header')['idempotency-key']
      const body = c.req.valid('json')
      const now = clock.now()
      const result = await runIdempotent(
        db,
        { scope: 'admin_reversal', key, body: { memberId, entryId, ...body }, now },
        async (trx) => ({
          status: 201,
          body: await reverseMemberEntry(trx, {
            memberId,
            entryId,
            body,
            adminId: 'admin',
            idempotencyKey: key,
            program: await publishedProgram(trx),
            now,
          }),
        }),
      )
      return c.json(result.body, result.replayed ? 200 : 201)
    },
  )
