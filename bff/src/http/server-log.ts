import pino, { type Logger } from 'pino'
import { logRedactPaths } from './log-redact'

/** The server's logger, and the two ways of getting its last lines out before the process ends. */
export interface ServerLog {
  logger: Logger
  /** Resolves once every line logged so far has been written and the destination is closed; call it last. */
  close(): Promise<void>
  /** Writes what is still queued at once, blocking: only for when the event loop can no longer be trusted. */
  flushSync(): void
}

/**
 * JSON lines on `fd` (stdout) through an asynchronous destination: `logger.info` queues the line in memory and
 * libuv's thread pool writes it (lines logged meanwhile go out together in the next write), so a slow reader of
 * stdout, such as a log shipper or a full pipe, never stalls a request. Every line is handed to the kernel as soon
 * as the write before it returns (no minimum batch size), so a crash loses at most the lines of that one write; a
 * clean stop loses none, as the server awaits `close()` before exiting.
 */
export function createServerLog(level: string, fd = 1): ServerLog {
  const destination = pino.destination({ dest: fd, sync: false })
  const logger = pino({ level, redact: logRedactPaths }, destination)
  let closed: Promise<void> | undefined
  return {
    logger,
    close: () =>
      (closed ??= new Promise<void>((resolve) => {
        // end() waits for a write in flight, writes the rest, then emits close; lines logged before then are kept.
        destination.once('close', () => resolve())
        destination.end()
      })),
    flushSync: () => {
      try {
        destination.flushSync()
      } catch {
        // Already closed, or stdout gone: there is nowhere left to write to.
      }
    },
  }
}
