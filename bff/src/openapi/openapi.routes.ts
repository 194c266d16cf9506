import { Scalar } from '@scalar/hono-api-reference'
import { Hono } from 'hono'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { AppEnv } from '../deps'
import { documentRoute } from './document-route'
import { openApiDocument, OpenApiDocumentSchema, type OpenApiDocument } from './openapi-document'

/** Scalar's self-contained browser bundle, served from node_modules: the page loads nothing from elsewhere. */
const scalarBundlePath = join(
  dirname(createRequire(import.meta.url).resolve('@scalar/api-reference')),
  'browser',
  'standalone.js',
)
let scalarBundle: Promise<Buffer> | undefined

/** Where the page loads it from: the asset route below, under /api. */
export const docsAssetPath = '/api/docs/assets/scalar-standalone.js'

/**
 * The OpenAPI document of the app it is mounted in, generated once from the app's own routes (the getter is
 * called on the first request, when the app is complete), and an interactive reference for it.
 */
export function openApiRoutes(documentedApp: () => Hono<any, any, any>) {
  let document: Promise<OpenApiDocument> | undefined
  return new Hono<AppEnv>()
    .get(
      '/openapi.json',
      documentRoute({
        summary: 'This document: OpenAPI 3.1, generated from the routes and the schemas that validate them',
        auth: 'none',
        ok: { 200: { description: 'OpenAPI 3.1 document', schema: OpenApiDocumentSchema } },
      }),
      async (c) => {
        document ??= openApiDocument(documentedApp(), c.var.deps.version).catch((err: unknown) => {
          document = undefined // a failure is not remembered; the next request tries again
          throw err
        })
        return c.json(await document, 200)
      },
    )
    .get(
      '/docs',
      documentRoute({
        summary: 'Interactive API reference (Scalar) for this document; every asset is served from here',
        auth: 'none',
        ok: { 200: { description: 'HTML page', contentType: 'text/html' } },
      }),
      Scalar({
        url: '/api/openapi.json',
        cdn: docsAssetPath,
        pageTitle: 'Member Center API',
        // Nothing that would reach another host: no web fonts, no telemetry, no hosted AI agent or developer tools.
        withDefaultFonts: false,
        telemetry: false,
        agent: { disabled: true },
        mcp: { disabled: true },
        showDeveloperTools: 'never',
      }),
    )
    .get(
      '/docs/assets/scalar-standalone.js',
      documentRoute({
        summary: "The reference page's script (Scalar's standalone bundle from @scalar/api-reference)",
        auth: 'none',
        ok: { 200: { description: 'JavaScript', contentType: 'text/javascript' } },
      }),
      async (c) => {
        scalarBundle ??= readFile(scalarBundlePath)
        return c.body(new Uint8Array(await scalarBundle), 200, {
          'content-type': 'text/javascript; charset=utf-8',
          'cache-control': 'public, max-age=86400',
        })
      },
    )
}
