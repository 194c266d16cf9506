import { AppError, LegalDocumentKind, LegalDocumentParam, LegalDocumentUpdate, LegalDocumentView } from '@mc/shared'
import { Hono } from 'hono'
import { createMiddleware } from 'hono/factory'
import { requirePermission } from '../auth/require-permission'
import type { AppEnv } from '../deps'
import { validate } from '../http/validate'
import { documentRoute } from '../openapi/document-route'
import { readLegalDocument, saveLegalDocument } from './legal-documents'

/** An unknown kind is a document that does not exist: 404, as an unknown benefit key is, not a 400. */
const knownKind = createMiddleware<AppEnv>(async (c, next) => {
  const kind = c.req.param('kind')
  if (!LegalDocumentKind.safeParse(kind).success) throw new AppError('LEGAL_DOCUMENT_NOT_FOUND', { kind })
  await next()
})

/** Public: the 用户协议 or 隐私政策 in force, which the login page links to before the shopper has a session. */
export const legalRoutes = new Hono<AppEnv>().get(
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
