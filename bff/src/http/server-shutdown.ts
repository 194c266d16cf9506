import type { ServerType } from '@hono/node-server'
import type { Logger } from 'pino'

/** What stopping the server involves, in the order it happens. */
export interface ShutdownSteps {
  logger: Logger
  /** The listening server: it stops accepting, answers the requests in flight, then closes. */
  server: ServerType
  /** How long requests in flight may take to be answered before their connections are cut. */
  graceMs: number
  /** Stops background work and closes what the requests used (database, Redis), once no request is running. */
  release: () => Promise<unknown>
  /** Writes the last log lines and closes the log: the very last step, so the lines of every step above are kept. */
  closeLog: () => Promise<void>
  /** Writes the log at once, blocking: the fallback when `closeLog` has not finished by its deadline. */
  flushLogSync: () => void
}

/** How long the last log lines may take to be written before the process exits without waiting for them. */
const logDeadlineMs = 2_000

/**
 * Resolves once the server is closed: no new connections from the call on, keep-alive connections closed as soon as
 * they are idle (Node closes only the idle ones at `close()`, and a busy one becomes idle after its answer), and after
 * `graceMs` every connection still open is cut.
 */
export function closeServer(server: ServerType, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    const http1 = 'closeIdleConnections' in server ? server : undefined
    const sweep = setInterval(() => http1?.closeIdleConnections(), 50)
    const deadline = setTimeout(() => http1?.closeAllConnections(), graceMs)
    server.close(() => {
      clearInterval(sweep)
      clearTimeout(deadline)
      resolve()
    })
    http1?.closeIdleConnections()
  })
}

/**
 * Stops the process in order: close the server (requests in flight are answered and logged), release the rest,
 * close the log, exit with `code` (1 if a step failed). The log gets `logDeadlineMs`; past it, what is still queued
 * is written synchronously, so the process never hangs on a stuck stdout.
 */
export async function shutDown(steps: ShutdownSteps, code: number): Promise<void> {
  let exitCode = code
  try {
    await closeServer(steps.server, steps.graceMs)
    await steps.release()
    steps.logger.info('stopped')
  } catch (error) {
    steps.logger.error({ err: error }, 'stopping failed')
    exitCode = 1
  }
  // A fatal error while stopping (see below) sets process.exitCode; it must not be reported as a clean stop.
  exitCode = Math.max(exitCode, Number(process.exitCode ?? 0))
  const timer = setTimeout(() => {
    steps.flushLogSync()
    process.exit(exitCode)
  }, logDeadlineMs)
  await steps.closeLog()
  clearTimeout(timer)
  process.exit(exitCode)
}

/**
 * Wires the signals and fatal errors to `shutDown`. SIGTERM and SIGINT stop gracefully (a second one exits at once,
 * for an operator who will not wait). An uncaught exception, or a promise rejection nobody handled (Node raises it as
 * one), is logged as fatal and stops the process with code 1 after at most a second for the requests in flight: the
 * process is no longer trusted to keep serving, but its last lines, the fatal one included, are written first.
 */
export function stopOnSignalsAndFatalErrors(steps: ShutdownSteps) {
  let stopping = false
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) {
        steps.flushLogSync()
        process.exit(1)
      }
      stopping = true
      steps.logger.info({ signal }, 'stopping: no new connections, answering the requests in flight')
      void shutDown(steps, 0)
    })
  }
  process.on('uncaughtException', (error) => {
    steps.logger.fatal({ err: error }, 'uncaught exception: stopping')
    process.exitCode = 1
    if (stopping) return
    stopping = true
    void shutDown({ ...steps, graceMs: Math.min(steps.graceMs, 1_000) }, 1)
  })
}
