import { spawn } from 'node:child_process'
import { join } from 'node:path'

const bffRoot = join(import.meta.dirname, '../..')

/**
 * A BFF script (`src/index.ts`, or a test kit) in its own OS process, with only `PATH` and the given environment,
 * its stdout and stderr collected together. `exited` gives the exit code, or the signal that ended it.
 */
export function startServerProcess(script: string, env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: bffRoot,
    env: { PATH: process.env.PATH ?? '', ...env },
  })
  let output = ''
  const collect = (chunk: Buffer) => {
    output += chunk.toString()
  }
  child.stdout.on('data', collect)
  child.stderr.on('data', collect)
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) =>
    child.on('exit', (code, signal) => resolve(signal ?? code)),
  )
  /** The first match of `pattern` in the output, polled every `stepMs` for at most `tries` times. */
  const waitFor = async (pattern: RegExp, tries = 200, stepMs = 100) => {
    for (let i = 0; i < tries && !pattern.test(output); i += 1) await new Promise((r) => setTimeout(r, stepMs))
    return pattern.exec(output)
  }
  return { child, exited, waitFor, output: () => output }
}

/**
 * What a real server entry needs to take order events on the test's database: a free port on loopback, the
 * webhook secret, local login, no scheduled jobs, and on PostgreSQL the test's own schema.
 */
export function orderServerEnv(url: string, schema: string | null, webhookSecret: string): Record<string, string> {
  return {
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: url,
    WEBHOOK_SECRET: webhookSecret,
    JOBS_ENABLED: 'false',
    LOCAL_LOGIN_ENABLED: 'true',
    ...(schema ? { PGOPTIONS: `-c search_path=${schema}` } : {}),
  }
}
