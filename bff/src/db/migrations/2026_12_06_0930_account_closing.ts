import type { Kysely } from 'kysely'

const ts = 'varchar(32)' // ISO 8601 UTC text on both engines

/**
 * Account closing (issue 14, PIPL): when the member's account was closed and by whom ('member' or an operator's
 * actor). The row itself stays, with every personal column erased, because ledger rows keep pointing at the id.
 * Its openid becomes the tombstone `closed:<id>`: the members_identity CHECK (a phone or an openid) stays as it is,
 * since SQLite cannot change a CHECK without rebuilding a table that everything points at.
 *
 * Import idempotency keys written before this change still carry the phone or openid in plain text; they are
 * ledger rows (append-only) and this migration has no access to the hashing secret, so they are left as they are
 * and the import still recognises them on a re-run. Only keys written from now on are keyed hashes.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('members').addColumn('closed_at', ts).execute()
  await db.schema.alterTable('members').addColumn('closed_by', 'varchar(80)').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('members').dropColumn('closed_by').execute()
  await db.schema.alterTable('members').dropColumn('closed_at').execute()
}
