import { AppError } from '@mc/shared'
import { createHash } from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import { preparedQuery } from '../db/prepared-query'
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
    const { scope, key } = request
    const claimed = await claimKey.affected(trx, {
      scope,
      key,
      requestHash,
      requestBody,
      createdAt: request.now.toISOString(),
    })
    if (claimed === 0n) return replay<T>(trx, scope, key, requestHash, request.body)
    const result = await work(trx)
    await recordResponse.affected(trx, { scope, key, status: result.status, body: JSON.stringify(result.body) })
    return { ...result, replayed: false }
  })
}

/** The claim: the record inserted without a response, or nothing when the key is taken. */
const claimKey = preparedQuery<{
  scope: string
  key: string
  requestHash: string
  requestBody: string
  createdAt: string
}>()((db, p) =>
  db
    .insertInto('idempotency_records')
    .values({
      scope: p.scope,
      key: p.key,
      request_hash: p.requestHash,
      request_body: p.requestBody,
      response_status: null,
      response_body: null,
      created_at: p.createdAt,
    })
    .onConflict((oc) => oc.columns(['scope', 'key']).doNothing()),
)

const recordResponse = preparedQuery<{ scope: string; key: string; status: number; body: string }>()((db, p) =>
  db
    .updateTable('idempotency_records')
    .set({ response_status: p.status, response_body: p.body })
    .where('scope', '=', p.scope)
    .where('key', '=', p.key),
)

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
