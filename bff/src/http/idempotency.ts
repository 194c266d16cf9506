import { AppError } from '@mc/shared'
import { createHash } from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../db/schema'

/** Stable JSON: object keys sorted, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

/** Leaf paths where two JSON values differ, e.g. ['data.amountFen']. */
export function differingFields(a: unknown, b: unknown, path = ''): string[] {
  const isObject = (v: unknown) => v !== null && typeof v === 'object'
  if (!isObject(a) || !isObject(b) || Array.isArray(a) !== Array.isArray(b)) {
    return canonicalJson(a) === canonicalJson(b) ? [] : [path || '(body)']
  }
  const keys = new Set([...Object.keys(a as object), ...Object.keys(b as object)])
  return [...keys]
    .sort()
    .flatMap((key) =>
      differingFields(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        path ? `${path}.${key}` : key,
      ),
    )
}

export interface IdempotentResult<T> {
  status: number
  body: T
  replayed: boolean
}

/**
 * Runs `work` once per (scope, key). The key is claimed by inserting its record first in the same transaction:
 * a concurrent request with the same key waits on that row (PostgreSQL) or on the write lock (SQLite), then
 * finds the finished record and replays it. Same key with different content is a 409 naming the fields.
 * If `work` fails, the claim rolls back with everything else, so a retry runs afresh.
 */
export async function runIdempotent<T>(
  db: Kysely<Database>,
  request: { scope: string; key: string; body: unknown; now: Date },
  work: (trx: Transaction<Database>) => Promise<{ status: number; body: T }>,
): Promise<IdempotentResult<T>> {
  const requestBody = canonicalJson(request.body)
  const requestHash = createHash('sha256').update(requestBody).digest('hex')
  return db.transaction().execute(async (trx) => {
    const claim = await trx
      .insertInto('idempotency_records')
      .values({
        scope: request.scope,
        key: request.key,
        request_hash: requestHash,
        request_body: requestBody,
        response_status: null,
        response_body: null,
        created_at: request.now.toISOString(),
      })
      .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
      .executeTakeFirst()
    if (Number(claim.numInsertedOrUpdatedRows ?? 0n) === 0)
      return replay<T>(trx, request.scope, request.key, requestHash, request.body)
    const result = await work(trx)
    await trx
      .updateTable('idempotency_records')
      .set({ response_status: result.status, response_body: JSON.stringify(result.body) })
      .where('scope', '=', request.scope)
      .where('key', '=', request.key)
      .execute()
    return { ...result, replayed: false }
  })
}

async function replay<T>(
  trx: Transaction<Database>,
  scope: string,
  key: string,
  hash: string,
  body: unknown,
): Promise<IdempotentResult<T>> {
  const record = await trx
    .selectFrom('idempotency_records')
    .selectAll()
    .where('scope', '=', scope)
    .where('key', '=', key)
    .executeTakeFirstOrThrow()
  if (record.request_hash !== hash) {
    throw new AppError('IDEMPOTENCY_KEY_REUSED', {
      key,
      differingFields: differingFields(JSON.parse(record.request_body), body),
    })
  }
  if (record.response_status === null || record.response_body === null)
    throw new Error(`idempotency record ${scope}/${key} has no response`)
  return { status: record.response_status, body: JSON.parse(record.response_body) as T, replayed: true }
}
