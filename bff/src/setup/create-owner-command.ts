import { OperatorLogin } from '@mc/shared'
import { openDatabase } from '../db/database'
import { systemClock } from '../deps'
import { loadEnvOrExit } from '../env'
import { createOperator } from '../operators/manage-operators'
import { prepareDatabase } from './prepare-database'

// `pnpm --filter @mc/bff create-owner <login> [name]`: the first owner of a new install (or another one), with a
// one-time password printed once, to be changed at the first login to the console.
const [loginArg, nameArg] = process.argv.slice(2)
const login = OperatorLogin.safeParse(loginArg ?? '')
if (!login.success) {
  console.error('usage: pnpm --filter @mc/bff create-owner <login> [name]')
  console.error(`  login: ${login.error.issues[0].message}`)
  process.exit(2)
}
const env = loadEnvOrExit()
const { db, close } = openDatabase(env.DATABASE_URL)
try {
  await prepareDatabase(db)
  const { operator, oneTimePassword } = await createOperator(
    db,
    { login: login.data, name: nameArg?.trim().slice(0, 32) || '店主', role: 'owner', outletId: null },
    { actor: 'system:create-owner', now: systemClock.now() },
  )
  console.log(`owner ${operator.login} created (${operator.id})`)
  console.log(`one-time password: ${oneTimePassword}`)
  console.log('log in to the merchant console with it; you will be asked to choose your own password')
} catch (error) {
  console.error(error instanceof Error ? `${error.name}: ${error.message}` : String(error))
  process.exitCode = 1
} finally {
  await close()
}
