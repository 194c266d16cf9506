import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { AppError } from '@mc/shared'
import { Hono } from 'hono'
import type { AppEnv } from '../deps'

/** Where the demo mall's drawings live: committed SVG files, licensed with the repository. */
const demoImageDir = join(import.meta.dirname, '../../demo/mall-images')

/** The files by name, read once: the folder is part of the source, so nothing is read per request. */
const demoImages = new Map(
  readdirSync(demoImageDir)
    .filter((name) => /^[a-z0-9-]+\.svg$/.test(name))
    .map((name) => [name, readFileSync(join(demoImageDir, name))] as const),
)

/** The address the demo seed gives an item's picture. */
export const demoImagePath = (file: string) => `/demo/mall/${file}`

/**
 * The demo mall's pictures, so a first start shows products rather than placeholders without shipping them in
 * the mini-program's packages. Only names in the folder are served (no path ever reaches the file system), and
 * the policy keeps an SVG opened on its own from running anything.
 */
export const demoImageRoutes = new Hono<AppEnv>().get('/demo/mall/:file', (c) => {
  const bytes = demoImages.get(c.req.param('file'))
  // The same answer as a missing upload: to the page it is one kind of thing, a picture that is not there.
  if (!bytes) throw new AppError('UPLOAD_NOT_FOUND', { file: c.req.param('file') })
  return c.body(new Uint8Array(bytes), 200, {
    'Content-Type': 'image/svg+xml',
    'Cache-Control': 'public, max-age=86400',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    'X-Content-Type-Options': 'nosniff',
  })
})
