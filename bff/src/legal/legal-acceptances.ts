import { AppError, type LegalAcceptance, type LegalAcceptanceStatus, legalDocumentKinds } from '@mc/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import { readLegalDocument } from './legal-documents'

/**
 * The documents in force the member has not accepted: never, or only an older version. The app shows these in a
 * prompt on the next open; a member who accepted the version in force is not asked again.
 */
export async function pendingAcceptances(db: Kysely<Database>, memberId: string): Promise<LegalAcceptanceStatus> {
  const accepted = await db
    .selectFrom('legal_acceptances')
    .select(['kind', (eb) => eb.fn.max('version').as('version')])
    .where('member_id', '=', memberId)
    .groupBy('kind')
    .execute()
  const latest = new Map(accepted.map((row) => [row.kind, Number(row.version)]))
  const pending: LegalAcceptanceStatus['pending'] = []
  for (const kind of legalDocumentKinds) {
    const inForce = await readLegalDocument(db, kind)
    if ((latest.get(kind) ?? 0) < inForce.version)
      pending.push({ kind, title: inForce.title, version: inForce.version })
  }
  return { pending }
}

/**
 * Records that the member agreed to these versions. Only the version in force can be accepted: an older one was
 * replaced while the app showed it (the prompt then shows the new text), a newer one does not exist. Either is
 * LEGAL_VERSION_NOT_CURRENT and nothing is recorded. Accepting the same version again keeps the first time.
 */
export async function recordAcceptances(
  db: Kysely<Database>,
  memberId: string,
  documents: LegalAcceptance[],
  now: Date,
): Promise<LegalAcceptanceStatus> {
  await db.transaction().execute(async (trx) => {
    for (const { kind, version } of documents) {
      const inForce = await readLegalDocument(trx, kind)
      if (version !== inForce.version) {
        throw new AppError('LEGAL_VERSION_NOT_CURRENT', { kind, version, current: inForce.version })
      }
    }
    await trx
      .insertInto('legal_acceptances')
      .values(documents.map((d) => ({ member_id: memberId, ...d, accepted_at: now.toISOString() })))
      .onConflict((oc) => oc.columns(['member_id', 'kind', 'version']).doNothing())
      .execute()
  })
  return pendingAcceptances(db, memberId)
}
