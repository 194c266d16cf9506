import { loadEnvOrExit } from '../env'
import { openDatabase } from '../db/database'
import { prepareDatabase } from './prepare-database'

// `pnpm --filter @mc/bff migrate`: apply pending migrations to DATABASE_URL and exit.
const env = loadEnvOrExit()
const { db, kind, close } = openDatabase(env.DATABASE_URL)
try {
  const applied = await prepareDatabase(db)
  console.log(`${kind}: ${applied.length === 0 ? 'already up to date' : `applied ${applied.join(', ')}`}`)
} finally {
  await close()
}
