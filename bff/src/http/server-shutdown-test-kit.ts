// Run by server-shutdown.test.ts in a child process: a small server logging through the server log to stdout and
// stopping as src/index.ts does, so the spec can send it signals and crash it, then read every line it wrote.
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { createServerLog } from './server-log'
import { stopOnSignalsAndFatalErrors } from './server-shutdown'

const log = createServerLog('info')
const { logger } = log
const padding = 'x'.repeat(500)

const app = new Hono()
  .get('/slow', async (c) => {
    await new Promise((resolve) => setTimeout(resolve, 300))
    logger.info('slow answered')
    return c.text('slow', 200)
  })
  .get('/burst-then-crash', (c) => {
    // Enough lines that asynchronous writes are still queued when the exception comes.
    for (let i = 0; i < 2_000; i += 1) logger.info({ i, padding }, 'burst')
    setTimeout(() => {
      throw new Error('boom from a timer')
    })
    return c.text('crashing', 200)
  })

const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  logger.info({ port: info.port }, 'listening')
})

stopOnSignalsAndFatalErrors({
  logger,
  server,
  graceMs: 5_000,
  release: async () => {
    logger.info('released')
  },
  closeLog: log.close,
  flushLogSync: log.flushSync,
})
