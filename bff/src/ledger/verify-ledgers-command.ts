import { openDatabase } from '../db/database'
import { loadEnvOrExit } from '../env'
import { verifyLedgers } from './verify-ledgers'
import { withLongStatements } from '../db/long-statements'

// `pnpm --filter @mc/bff verify-ledgers`: recompute every balance from its entries; exit 1 on any drift.
const env = loadEnvOrExit()
const { db, kind, close } = openDatabase(env.DATABASE_URL)
try {
  const accounts = await db
    .selectFrom('ledger_accounts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  const drifts = await withLongStatements(db, (long) => verifyLedgers(long))
  for (const d of drifts)
    console.log(`DRIFT ${d.memberId} ${d.ledger}: ${d.problem} (stored ${d.stored}, derived ${d.derived})`)
  console.log(
    `verify-ledgers (${kind}): ${Number(accounts.n)} accounts checked, ` +
      `${drifts.length} drift${drifts.length === 1 ? '' : 's'}`,
  )
  process.exitCode = drifts.length === 0 ? 0 : 1
} finally {
  await close()
}
