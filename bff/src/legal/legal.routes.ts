import {
  AppError,
  LegalAcceptanceBody,
  LegalAcceptanceStatus,
  LegalDocumentKind,
  LegalDocumentParam,
  LegalDocumentUpdate,
  LegalDocumentView,
} from '@mc/shared'
import { Hono } from 'hono'
import { createMiddleware } from 'hono/factory'
import { requireMember } from '../auth/require-member'
import { requirePermission } from '../auth/require-permission'
import type { AppEnv } from '../deps'
import { validate } from '../http/validate'
import { documentRoute } from '../openapi/document-route'
import { pendingAcceptances, recordAcceptances } from './legal-acceptances'
import { readLegalDocument, saveLegalDocument } from './legal-documents'

/** An unknown kind is a document that does not exist: 404, as an unknown benefit key is, not a 400. */
const knownKind = createMiddleware<AppEnv>(async (c, next) => {
  const kind = c.req.param('kind')
  if (!LegalDocumentKind.safeParse(kind).success) throw new AppError('LEGAL_DOCUMENT_NOT_FOUND', { kind })
  await next()
})

/**
 * Public: the 用户协议 or 隐私政策 in force, which the login page links to before the shopper has a session. For a
 * member: which versions in force they still have to accept, and recording that they did.
 */
export const legalRoutes = new Hono<AppEnv>()
  .get(
    '/legal/:kind',
    documentRoute({
      summary: 'The user agreement (terms) or privacy policy in force, with its version',
      auth: 'none',
      ok: { 200: { description: 'The document', schema: LegalDocumentView } },
    }),
    knownKind,
    validate('param', LegalDocumentParam),
    async (c) => c.json(await readLegalDocument(c.var.deps.db, c.req.valid('param').kind), 200),
  )
  .get(
    '/me/legal',
    documentRoute({
      summary: 'The agreements in force this member has not accepted yet (never, or an older version)',
      auth: 'member',
      ok: { 200: { description: 'What is still to accept', schema: LegalAcceptanceStatus } },
      errors: ['MEMBER_NOT_JOINED'],
    }),
    requireMember,
    async (c) => c.json(await pendingAcceptances(c.var.deps.db, c.var.memberId), 200),
  )
  .post(
    '/me/legal/acceptances',
    documentRoute({
      summary: 'Record that the member accepted these versions (at login, joining, or after an update)',
      auth: 'member',
      ok: { 200: { description: 'What is still to accept', schema: LegalAcceptanceStatus } },
      errors: ['MEMBER_NOT_JOINED', 'LEGAL_VERSION_NOT_CURRENT'],
    }),
    requireMember,
    validate('json', LegalAcceptanceBody),
    async (c) => {
      const { db, clock } = c.var.deps
      return c.json(await recordAcceptances(db, c.var.memberId, c.req.valid('json').documents, clock.now()), 200)
    },
  )

/** The console's edit of the two documents; each save is a new version and is audited. */
export const legalAdminRoutes = new Hono<AppEnv>().put(
  '/legal/:kind',
  documentRoute({
    summary: 'Replace the user agreement or privacy policy (audited; a changed text is a new version)',
    auth: 'admin',
    permission: 'program.edit',
    ok: { 200: { description: 'The document now in force', schema: LegalDocumentView } },
  }),
  requirePermission('program.edit'),
  knownKind,
  validate('param', LegalDocumentParam),
  validate('json', LegalDocumentUpdate),
  async (c) => {
    const { db, clock } = c.var.deps
    const saved = await saveLegalDocument(
      db,
      c.req.valid('param').kind,
      c.req.valid('json'),
      c.var.principal.actor,
      clock.now(),
    )
    return c.json(saved, 200)
  },
)
