import pino from 'pino'
import { openDatabase } from '../db/database'
import { runJourneys } from './run-journeys'

// A journeys runner in its own process for the crash specs: DATABASE_URL (and PGOPTIONS for the test's schema),
// JOURNEYS_NOW and JOURNEYS_HOLDER say where, when and who; MC_FAULT_KILL_AFTER_DECISIONS=n sends SIGKILL to this
// process right after its n-th decision, inside that batch's open transaction. Prints the result as JSON.
const env = (name: string) => process.env[name] ?? ''
const { db, close } = openDatabase(env('DATABASE_URL'))
const killAfter = Number(process.env.MC_FAULT_KILL_AFTER_DECISIONS ?? 0)
let decisions = 0
try {
  const result = await runJourneys(
    { db, logger: pino({ level: 'silent' }) },
    new Date(env('JOURNEYS_NOW')),
    env('JOURNEYS_HOLDER'),
    {
      force: true,
      batchSize: Number(process.env.JOURNEYS_BATCH ?? 500),
      afterDecision: () => {
        decisions += 1
        if (decisions === killAfter) process.kill(process.pid, 'SIGKILL')
      },
    },
  )
  console.log(JSON.stringify(result))
} finally {
  await close()
}
