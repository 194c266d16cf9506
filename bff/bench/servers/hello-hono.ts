import { serve } from '@hono/node-server'
import { Hono } from 'hono'

// (a) The baseline: Hono's hello world on the same adapter the product uses.
const app = new Hono().get('/', (c) => c.text('Hello Hono!'))
serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' })
process.on('SIGTERM', () => process.exit(0))
