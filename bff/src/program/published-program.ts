import { ProgramRules, type ProgramRules as Rules } from '@mc/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'

/** The rules members live under now, and the version number every entry they produce records. */
export interface PublishedProgram {
  version: number
  rules: Rules
}

// Versions are immutable, so a parsed version can be kept for good; only "which is latest" is asked each time.
const parsedVersions = new Map<string, Rules>()

export async function publishedProgram(db: Kysely<Database>): Promise<PublishedProgram> {
  const row = await db
    .selectFrom('program_versions')
    .select(['version', 'rules'])
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst()
  if (!row) throw new Error('no program rules are published; run the migrations and seed')
  let rules = parsedVersions.get(row.rules)
  if (!rules) {
    rules = ProgramRules.parse(JSON.parse(row.rules))
    parsedVersions.set(row.rules, rules)
  }
  return { version: row.version, rules }
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
  return version
}
