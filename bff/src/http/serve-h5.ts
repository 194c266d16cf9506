import { serveStatic } from '@hono/node-server/serve-static'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Hono } from 'hono'
import type { AppEnv } from '../deps'

/**
 * Serves the built H5 app beside the API on one port. The H5 build uses hash routing, so every non-API GET
 * that is not a file gets index.html.
 */
export function serveH5(app: Hono<AppEnv>, h5Dir: string): void {
  const root = resolve(h5Dir)
  if (!existsSync(join(root, 'index.html'))) {
    throw new Error(`H5 build not found at ${root}; build it first (pnpm build:h5)`)
  }
  const file = serveStatic<AppEnv>({ root })
  const shell = serveStatic<AppEnv>({ root, path: 'index.html' })
  app.get('*', (c, next) => (c.req.path.startsWith('/api/') ? next() : file(c, next)))
  app.get('*', (c, next) => (c.req.path.startsWith('/api/') ? next() : shell(c, next)))
}
