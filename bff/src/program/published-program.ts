import { ProgramRules, type ProgramRules as Rules } from '@mc/shared'
import type { ExpressionBuilder, Kysely } from 'kysely'
import { anyQueryBuilder } from '../db/any-query-builder'
import { preparedQuery } from '../db/prepared-query'
import type { Database } from '../db/schema'

/** The rules members live under now, and the version number every entry they produce records. */
export interface PublishedProgram {
  version: number
  rules: Rules
}

/**
 * Published versions are immutable, so each is read and parsed once per database handle and kept by number; a
 * request asks only which number is latest, which also makes a publish by another instance visible at the next
 * request. Keyed by the handle's dialect adapter (shared by its transactions), since one process may open several
 * databases whose version 1 differ.
 */
const programsByHandle = new WeakMap<object, Map<number, PublishedProgram>>()

/**
 * Transactions that published a version: what they read of it is not committed yet and may roll back, after which
 * another publish could reuse its number, so nothing read through them is kept.
 */
const publishingTransactions = new WeakSet<object>()

const handleOf = (db: Kysely<Database>): object => db.getExecutor().adapter

export async function publishedProgram(db: Kysely<Database>): Promise<PublishedProgram> {
  return programAt(db, await latestProgramVersion(db))
}

/** The latest published version's number: the one read a request makes to know its rules. */
export async function latestProgramVersion(db: Kysely<Database>): Promise<number> {
  const row = await latestVersion.takeFirst(db, {})
  if (!row) throw new Error('no program rules are published; run the migrations and seed')
  return Number(row.version)
}

const latestVersion = preparedQuery()((db) =>
  db.selectFrom('program_versions').select('version').orderBy('version', 'desc').limit(1),
)

/**
 * The same question as a subquery, for a hot read that needs the version beside its own rows (the order facts,
 * the home read, a redemption's item): one statement instead of two. Null when nothing is published.
 */
export const latestVersionColumn = <DB extends Database, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>) =>
  anyQueryBuilder(eb)
    .selectFrom('program_versions as pv')
    .select('pv.version')
    .orderBy('pv.version', 'desc')
    .limit(1)
    .as('program_version')

/** The program of one published version, from memory after its first read on this handle. */
export async function programAt(db: Kysely<Database>, version: number): Promise<PublishedProgram> {
  const handle = handleOf(db)
  const programs = programsByHandle.get(handle) ?? new Map<number, PublishedProgram>()
  const cached = programs.get(version)
  if (cached) return cached
  const row = await db.selectFrom('program_versions').select('rules').where('version', '=', version).executeTakeFirst()
  if (!row) throw new Error(`program version ${version} is not published`)
  const program = { version, rules: ProgramRules.parse(JSON.parse(row.rules)) }
  if (publishingTransactions.has(db)) return program
  programsByHandle.set(handle, programs)
  programs.set(version, program)
  return program
}

export async function publishProgramVersion(
  db: Kysely<Database>,
  input: {
    rules: Rules
    template: string | null
    note: string | null
    publishedBy: string
    now: Date
    demotions?: 'keep_until_validity_end' | 'apply_now' | null
    source?: string | null
  },
): Promise<number> {
  const rules = ProgramRules.parse(input.rules)
  if (db.isTransaction) publishingTransactions.add(db)
  const latest = await db
    .selectFrom('program_versions')
    .select((eb) => eb.fn.max('version').as('max'))
    .executeTakeFirst()
  const version = Number(latest?.max ?? 0) + 1
  await db
    .insertInto('program_versions')
    .values({
      version,
      rules: JSON.stringify(rules),
      template: input.template,
      note: input.note,
      published_by: input.publishedBy,
      published_at: input.now.toISOString(),
      demotions: input.demotions ?? null,
      source: input.source ?? null,
    })
    .execute()
  // A number this handle kept from a publish that rolled back would now name other rules: forget it.
  programsByHandle.get(handleOf(db))?.delete(version)
  return version
}
