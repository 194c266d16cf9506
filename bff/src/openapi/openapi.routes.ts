import { Hono } from 'hono'
import type { AppEnv } from '../deps'
import { openApiDocument } from './openapi-document'

export const openApiRoutes = new Hono<AppEnv>()
  .get('/openapi.json', (c) => c.json(openApiDocument(c.var.deps.version), 200))
