import { newId, Permission, type ApiKeyView } from '@mc/shared'
import type { Kysely, Selectable, Transaction } from 'kysely'
import { z } from 'zod'
import type { ApiKeysTable, Database } from '../db/schema'
import { newBearerToken, tokenHash } from './bearer-tokens'

/**
 * Stores a key for `secret` (a fresh `mckey_…` unless a caller brings its own, as the test app and the browser
 * tests' server do for their admin credential). Only the hash and the first characters are kept.
 */
export async function storeApiKey(
  db: Kysely<Database> | Transaction<Database>,
  key: { name: string; permissions: readonly Permission[]; createdBy: string | null; now: Date; secret?: string },
): Promise<{ apiKey: ApiKeyView; secret: string }> {
  const secret = key.secret ?? newBearerToken('mckey_').token
  const row = {
    id: newId('key', key.now.getTime()),
    name: key.name,
    prefix: secret.slice(0, 12),
    key_hash: tokenHash(secret),
    permissions: JSON.stringify(key.permissions),
    created_by: key.createdBy,
    created_at: key.now.toISOString(),
    last_used_at: null,
    revoked_at: null,
  }
  await db.insertInto('api_keys').values(row).execute()
  return { apiKey: apiKeyView(row), secret }
}

const storedPermissions = z.array(Permission)

/** The permissions a key row holds (a JSON array written by `storeApiKey`). */
export const keyPermissions = (stored: string): Permission[] => storedPermissions.parse(JSON.parse(stored))

export function apiKeyView(row: Selectable<ApiKeysTable>): ApiKeyView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    permissions: keyPermissions(row.permissions),
    createdBy: row.created_by,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  }
}
