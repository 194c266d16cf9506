import { readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { openDatabase } from '../db/database'
import { loadEnvOrExit } from '../env'
import { CsvError } from './csv'
import { importMembers } from './import-members'
import { progressReporter, rejectsCsv, summaryLine } from './import-report'
import { sourceFromCsv, type ImportSource } from './import-source'
import { minIdentitySecretLength } from './identity-key'

// `pnpm --filter @mc/bff import-members <file.csv> [--rejects <out.csv>] [--batch 500]` against DATABASE_URL.
// Exits 0 even when rows were rejected (they are in the rejects file); 1 for an unreadable or malformed file or a
// database error; 2 for a wrong command line. MC_FAULT_KILL_AFTER_ROWS=n kills the process with SIGKILL right
// after row n is written inside its uncommitted batch, so specs can prove a real crash leaves whole batches only.
const usage = 'usage: pnpm --filter @mc/bff import-members <file.csv> [--rejects <out.csv>] [--batch 500]'

function fail(code: number, message: string): never {
  console.error(message)
  process.exit(code)
}

let parsed: ReturnType<typeof parseCommandLine>
try {
  parsed = parseCommandLine(process.argv.slice(2))
} catch (error) {
  fail(2, `${error instanceof Error ? error.message : String(error)}\n${usage}`)
}
const { file, rejectsFile, batchSize, killAfterRows } = parsed
const env = loadEnvOrExit()
// Identity keys are keyed hashes (identity-key.ts); every run must use the same secret or re-runs are not recognised.
const identitySecret = process.env.IDENTITY_HASH_SECRET ?? ''
if (identitySecret.length < minIdentitySecretLength)
  fail(2, `IDENTITY_HASH_SECRET must be set (at least ${minIdentitySecretLength} characters) and kept for every import`)
// The rate covers reading and parsing the file too: it is what the merchant waits for.
const started = performance.now()

let source: ImportSource
try {
  source = sourceFromCsv(readFileSync(file, 'utf8'))
} catch (error) {
  if (error instanceof CsvError) fail(1, `${file} is not a valid import file: ${error.message}`)
  fail(1, `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`)
}

const { db, close } = openDatabase(env.DATABASE_URL)
const progress = progressReporter(process.stderr)
try {
  const summary = await importMembers(db, source, {
    identitySecret,
    batchSize,
    onProgress: progress.update,
    onRowWritten:
      killAfterRows === null
        ? undefined
        : (row) => {
            if (row === killAfterRows) process.kill(process.pid, 'SIGKILL')
          },
  })
  progress.finish()
  const seconds = Math.max((performance.now() - started) / 1000, 0.001)
  console.log(summaryLine(summary, summary.total / seconds))
  if (summary.rejected > 0) {
    writeFileSync(rejectsFile, rejectsCsv(source.columns, summary.rejects))
    console.log(`rejected rows and reasons: ${rejectsFile}`)
  }
} catch (error) {
  progress.finish()
  console.error(`import stopped: ${error instanceof Error ? error.message : String(error)}`)
  console.error('batches already committed stay imported; fix the cause and run the same file again to complete it')
  process.exitCode = 1
} finally {
  await close()
}

function parseCommandLine(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { rejects: { type: 'string' }, batch: { type: 'string' } },
  })
  if (positionals.length !== 1) throw new Error('give exactly one CSV file')
  const batchSize = Number(values.batch ?? '500')
  if (!Number.isSafeInteger(batchSize) || batchSize < 1)
    throw new Error(`--batch must be a whole number ≥ 1, got ${values.batch}`)
  const killText = process.env.MC_FAULT_KILL_AFTER_ROWS
  const killAfterRows = killText ? Number(killText) : null
  if (killAfterRows !== null && (!Number.isSafeInteger(killAfterRows) || killAfterRows < 1)) {
    throw new Error(`MC_FAULT_KILL_AFTER_ROWS must be a whole number ≥ 1, got ${killText}`)
  }
  // pnpm runs scripts inside bff/; INIT_CWD is where the user typed the command, which is what their paths mean.
  const base = process.env.INIT_CWD ?? process.cwd()
  return {
    file: resolve(base, positionals[0]),
    rejectsFile: resolve(base, values.rejects ?? `${positionals[0]}.rejects.csv`),
    batchSize,
    killAfterRows,
  }
}
