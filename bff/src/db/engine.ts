import { PostgresAdapter, type Kysely, type SelectQueryBuilder } from 'kysely'

export const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter

/**
 * Row lock for read-then-write on PostgreSQL. SQLite needs none: its write transactions begin IMMEDIATE, so a
 * writer already holds the database's only write lock.
 */
export function forUpdate<DB, TB extends keyof DB, O>(db: Kysely<any>, query: SelectQueryBuilder<DB, TB, O>) {
  return isPostgres(db) ? query.forUpdate() : query
}
