import { createHash } from 'node:crypto'
import type { RootOperationNode } from 'kysely'
import type pg from 'pg'

/**
 * SQL texts of hot statements and the name each is prepared under. An unnamed statement is parsed and planned
 * again on every execution; a named one is parsed once per connection, and after a few runs PostgreSQL may keep
 * a generic plan. The name is a hash of the text, so every connection and every instance names it alike, and two
 * texts never share a name.
 */
const statementNames = new Map<string, string>()

/** Only plain data statements are kept prepared: a DDL statement's plan would outlive the schema it was made for. */
const preparableKinds: ReadonlySet<RootOperationNode['kind']> = new Set([
  'SelectQueryNode',
  'InsertQueryNode',
  'UpdateQueryNode',
  'DeleteQueryNode',
  'MergeQueryNode',
])

/**
 * Marks a compiled statement to run as a named prepared statement on every PostgreSQL connection that uses
 * named statements. Returns whether it was registered: DDL and raw texts are not.
 */
export function registerNamedStatement(node: RootOperationNode, sqlText: string): boolean {
  if (!preparableKinds.has(node.kind)) return false
  if (!statementNames.has(sqlText)) statementNames.set(sqlText, namedStatementName(sqlText))
  return true
}

/** The name a registered text is prepared under: `mc_` and 20 hex digits of its SHA-1 (PostgreSQL's limit is 63). */
export function namedStatementName(sqlText: string): string {
  return `mc_${createHash('sha1').update(sqlText).digest('hex').slice(0, 20)}`
}

/**
 * Makes a pg client run registered texts as named statements. Kysely's PostgreSQL driver calls
 * `client.query(text, values)`; everything else (other texts, configs, cursors, callbacks) passes through as is.
 */
export function useNamedStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown
  client.query = ((config: unknown, values?: unknown, callback?: unknown) => {
    if (typeof config === 'string' && Array.isArray(values) && callback === undefined) {
      const name = statementNames.get(config)
      if (name !== undefined) return query({ name, text: config, values })
    }
    return callback === undefined ? query(config, values) : query(config, values, callback)
  }) as typeof client.query
}
