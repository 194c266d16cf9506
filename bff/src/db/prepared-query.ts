import {
  NoResultError,
  PostgresAdapter,
  type Compilable,
  type CompiledQuery,
  type DeleteResult,
  type DialectAdapter,
  type InsertResult,
  type Kysely,
  type MergeResult,
  type QueryNode,
  type Simplify,
  type UpdateResult,
} from 'kysely'
import { registerNamedStatement } from './pg-named-statements'
import type { Database } from './schema'

/** The rows a compilable query returns; a write without `returning` returns none. */
export type PreparedRow<Q> =
  Q extends Compilable<infer O>
    ? O extends InsertResult | UpdateResult | DeleteResult | MergeResult
      ? never
      : Simplify<O>
    : never

/** A named parameter's place in the compiled SQL; the builder sees it as a value of the parameter's type. */
class Slot {
  constructor(readonly name: string) {}
}

/** Where each compiled parameter comes from: a named parameter, or a constant written into the builder. */
type Source = { name: string } | { constant: unknown }

interface Compiled {
  query: CompiledQuery
  sources: Source[]
}

/**
 * A hot query built and compiled once per dialect, then executed with a parameter object, so a request pays
 * neither Kysely's building nor its compiling (about half a hot path's CPU in the bench profile).
 *
 * ```ts
 * const accountOf = preparedQuery<{ memberId: string }>()((db, p) =>
 *   db.selectFrom('points_accounts').selectAll().where('member_id', '=', p.memberId))
 * const account = await accountOf.takeFirst(trx, { memberId })   // typed row, or undefined
 * ```
 *
 * The build function runs once per Kysely instance (its dialect decides the SQL text), on first use, with that
 * instance as `db`, so engine choices such as `forUpdate(db, …)` still apply. Each `p.name` stands for a
 * parameter: use it only where Kysely binds a value (comparisons, `values`, `set`, `limit`, sql`${…}`), never
 * as an `in` list, a `null`, an identifier or in `sql.lit`. Runs through any executor: `db` or a transaction.
 * On SQLite the driver keeps the text's prepared statement; on PostgreSQL the text runs as a named prepared
 * statement (pg-named-statements.ts), parsed once per connection.
 */
export class PreparedQuery<P extends Record<string, unknown>, Row> {
  readonly #build: (db: Kysely<Database>, p: P) => Compilable<unknown>
  /** Keyed by the dialect adapter: a transaction shares its Kysely instance's adapter, so it reuses the entry. */
  readonly #compiled = new WeakMap<DialectAdapter, Compiled>()

  constructor(build: (db: Kysely<Database>, p: P) => Compilable<unknown>) {
    this.#build = build
  }

  /** All rows. */
  async execute(executor: Kysely<Database>, params: P): Promise<Row[]> {
    const result = await this.#run(executor, params)
    return result.rows as Row[]
  }

  async takeFirst(executor: Kysely<Database>, params: P): Promise<Row | undefined> {
    return (await this.execute(executor, params))[0]
  }

  async takeFirstOrThrow(executor: Kysely<Database>, params: P): Promise<Row> {
    const row = await this.takeFirst(executor, params)
    if (row === undefined) throw new NoResultError(this.#compile(executor).query.query as QueryNode)
    return row
  }

  /** How many rows a write changed (an insert, update or delete without `returning`). */
  async affected(executor: Kysely<Database>, params: P): Promise<bigint> {
    return (await this.#run(executor, params)).numAffectedRows ?? 0n
  }

  /** The SQL text this query runs as on the executor's dialect (specs, and registering named statements). */
  sqlFor(executor: Kysely<Database>): string {
    return this.#compile(executor).query.sql
  }

  #run(executor: Kysely<Database>, params: P) {
    const { query, sources } = this.#compile(executor)
    const parameters = sources.map((source) => ('name' in source ? params[source.name] : source.constant))
    return executor.getExecutor().executeQuery<unknown>({ ...query, parameters })
  }

  #compile(executor: Kysely<Database>): Compiled {
    const adapter = executor.getExecutor().adapter
    const cached = this.#compiled.get(adapter)
    if (cached) return cached
    const query = this.#build(executor, slots<P>()).compile()
    const sources = query.parameters.map((value) =>
      value instanceof Slot ? { name: value.name } : { constant: value },
    )
    const compiled = { query, sources }
    if (adapter instanceof PostgresAdapter) registerNamedStatement(query.query, query.sql)
    this.#compiled.set(adapter, compiled)
    return compiled
  }
}

/**
 * Declares a prepared query: `preparedQuery<Params>()((db, p) => builder)`. The two calls let the parameters be
 * spelled out while the row type is still inferred from the builder.
 */
export function preparedQuery<P extends Record<string, unknown> = Record<string, never>>() {
  return <Q extends Compilable<unknown>>(build: (db: Kysely<Database>, p: P) => Q): PreparedQuery<P, PreparedRow<Q>> =>
    new PreparedQuery<P, PreparedRow<Q>>(build)
}

/**
 * A row to insert whose every column is the parameter of the same name: the parameter object cannot be spread
 * (see `slots`), so the columns are listed, each read on its own.
 */
export function paramsRow<Row>(p: Row, columns: readonly (keyof Row)[]): Row {
  return Object.fromEntries(columns.map((column) => [column, p[column]])) as Row
}

/**
 * A stand-in parameter object: each property read yields the slot of that name. Its names are only known when
 * read, so spreading or listing it (`{ ...p, bucket: p.first }`) would silently bind nothing: that throws instead.
 */
function slots<P>(): P {
  const refuse = () => {
    throw new Error('preparedQuery: the parameter object cannot be spread or listed; pass each p.name on its own')
  }
  return new Proxy({} as Record<string, Slot>, {
    get: (_target, name) => {
      if (typeof name !== 'string') return undefined
      return new Slot(name)
    },
    ownKeys: refuse,
    has: refuse,
    getOwnPropertyDescriptor: refuse,
  }) as P
}
