import { AppError, type ApiKeyView, type CreateApiKeyBody, type CreatedApiKeyResponse } from '@mc/shared'
import type { Kysely } from 'kysely'
import { audit } from '../audit/audit'
import { apiKeyView, storeApiKey } from '../auth/api-keys'
import type { Database } from '../db/schema'

interface Context {
  actor: string
  now: Date
}

/** The owner issues a key for a script; only its hash is kept, and the secret is answered this once. */
export async function issueApiKey(
  db: Kysely<Database>,
  body: CreateApiKeyBody,
  context: Context,
): Promise<CreatedApiKeyResponse> {
  return db.transaction().execute(async (trx) => {
    const permissions = [...new Set(body.permissions)]
    const created = await storeApiKey(trx, {
      name: body.name,
      permissions,
      createdBy: context.actor,
      now: context.now,
    })
    await audit(trx, {
      ...context,
      action: 'api_key.created',
      targetType: 'api_key',
      targetId: created.apiKey.id,
      detail: { name: body.name, permissions, prefix: created.apiKey.prefix },
    })
    return created
  })
}

export async function listApiKeys(db: Kysely<Database>): Promise<ApiKeyView[]> {
  const rows = await db.selectFrom('api_keys').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').execute()
  return rows.map(apiKeyView)
}

/** Revoking is immediate (every call looks the key up) and final; revoking twice answers the same key. */
export async function revokeApiKey(db: Kysely<Database>, keyId: string, context: Context): Promise<ApiKeyView> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('api_keys').selectAll().where('id', '=', keyId).executeTakeFirst()
    if (!row) throw new AppError('API_KEY_NOT_FOUND', { keyId })
    if (row.revoked_at !== null) return apiKeyView(row)
    const revokedAt = context.now.toISOString()
    await trx.updateTable('api_keys').set({ revoked_at: revokedAt }).where('id', '=', keyId).execute()
    await audit(trx, {
      ...context,
      action: 'api_key.revoked',
      targetType: 'api_key',
      targetId: keyId,
      detail: { name: row.name, prefix: row.prefix },
    })
    return apiKeyView({ ...row, revoked_at: revokedAt })
  })
}
