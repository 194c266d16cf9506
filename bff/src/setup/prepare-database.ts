import type { Kysely } from 'kysely'
import { migrateToLatest } from '../db/migrate'
import type { Database } from '../db/schema'
import { seedDefaults } from './seed'

/** Brings any database, new or old, to the current schema with the default rows every install needs. */
export async function prepareDatabase(db: Kysely<Database>, now = new Date()): Promise<string[]> {
  const applied = await migrateToLatest(db)
  await seedDefaults(db, now)
  return applied
}
