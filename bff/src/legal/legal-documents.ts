import type { LegalDocumentKind, LegalDocumentUpdate, LegalDocumentView } from '@mc/shared'
import type { Kysely } from 'kysely'
import { audit } from '../audit/audit'
import type { Database } from '../db/schema'
import { defaultLegalDocuments } from './default-legal-documents'

/** The document in force: the merchant's saved text, else the install's default as version 1. */
export async function readLegalDocument(db: Kysely<Database>, kind: LegalDocumentKind): Promise<LegalDocumentView> {
  const row = await db
    .selectFrom('legal_documents')
    .select(['title', 'body', 'version', 'updated_at'])
    .where('kind', '=', kind)
    .executeTakeFirst()
  if (!row) return { kind, ...defaultLegalDocuments[kind], version: 1, updatedAt: null }
  return { kind, title: row.title, body: row.body, version: Number(row.version), updatedAt: row.updated_at }
}

/**
 * Replaces the document and counts a new version, auditing the old and new text. Saving the same text again
 * changes nothing and counts no version: members who accepted it have accepted what is in force.
 */
export async function saveLegalDocument(
  db: Kysely<Database>,
  kind: LegalDocumentKind,
  update: LegalDocumentUpdate,
  actor: string,
  now: Date,
): Promise<LegalDocumentView> {
  return await db.transaction().execute(async (trx) => {
    const before = await readLegalDocument(trx, kind)
    if (before.title === update.title && before.body === update.body) return before
    const values = {
      title: update.title,
      body: update.body,
      version: before.version + 1,
      updated_by: actor,
      updated_at: now.toISOString(),
    }
    // Two saves at once both read the same version; the primary key and the version check let only one win.
    const written = await trx
      .insertInto('legal_documents')
      .values({ kind, ...values })
      .onConflict((oc) => oc.column('kind').doUpdateSet(values).where('legal_documents.version', '=', before.version))
      .executeTakeFirst()
    if (Number(written.numInsertedOrUpdatedRows ?? 0) === 0) return await readLegalDocument(trx, kind)
    await audit(trx, {
      actor,
      action: 'legal.document.update',
      targetType: 'legal_document',
      targetId: kind,
      detail: {
        before: { title: before.title, body: before.body, version: before.version },
        after: { title: values.title, body: values.body, version: values.version },
      },
      now,
    })
    return { kind, title: values.title, body: values.body, version: values.version, updatedAt: values.updated_at }
  })
}
