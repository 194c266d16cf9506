import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import { tokenHash } from './bearer-tokens'

export type CredentialKind = 'member' | 'staff' | 'operator' | 'api_key'

/**
 * Which side of the product a bearer token belongs to, or null for none. A guard that refuses a token asks this,
 * so a real credential for another side is 403 ("not allowed here") and an unknown one 401 ("not logged in").
 */
export async function credentialKind(db: Kysely<Database>, token: string): Promise<CredentialKind | null> {
  const hash = tokenHash(token)
  const [member, visitor, staff, operator, apiKey] = await Promise.all([
    db.selectFrom('sessions').select('member_id').where('token_hash', '=', hash).executeTakeFirst(),
    db.selectFrom('visitor_sessions').select('token_hash').where('token_hash', '=', hash).executeTakeFirst(),
    db.selectFrom('staff_sessions').select('staff_id').where('token_hash', '=', hash).executeTakeFirst(),
    db.selectFrom('operator_sessions').select('operator_id').where('token_hash', '=', hash).executeTakeFirst(),
    db.selectFrom('api_keys').select('id').where('key_hash', '=', hash).executeTakeFirst(),
  ])
  // A visitor (logged in, not joined) holds a shopper's token all the same.
  if (member || visitor) return 'member'
  if (staff) return 'staff'
  if (operator) return 'operator'
  return apiKey ? 'api_key' : null
}
