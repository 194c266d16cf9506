import { HealthResponseSchema, type HealthResponse } from '@mc/shared'
import { sql } from 'kysely'
import { Hono } from 'hono'
import type { AppEnv } from '../deps'
import { documentRoute } from '../openapi/document-route'

export const healthRoutes = new Hono<AppEnv>().get(
  '/health',
  documentRoute({
    summary: 'Version and database kind',
    auth: 'none',
    ok: { 200: { description: 'HealthResponse', schema: HealthResponseSchema } },
  }),
  async (c) => {
    const { db, databaseKind, version } = c.var.deps
    await sql`select 1`.execute(db) // a health check that never touches the database would lie
    const body: HealthResponse = { status: 'ok', version, database: databaseKind }
    return c.json(body, 200)
  },
)
