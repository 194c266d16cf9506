import { request as httpRequest } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve, type ServerType } from '@hono/node-server'
import { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AppEnv } from '../deps'
import { limitBody } from './body-limit'
import { handleError } from './errors'

/** An app whose one route answers how many bytes it read, and whether its request was still node-server's light one. */
function echoApp() {
  return new Hono<AppEnv>()
    .use(limitBody(100))
    .on(['GET', 'POST'], '/echo', async (c) => {
      // node-server's light request has no native Request behind it until something asks for one (see body-limit.ts).
      const light = String(Object.getOwnPropertySymbols(c.req.raw).length > 0 && !hasNativeRequest(c.req.raw))
      const bytes = c.req.method === 'GET' ? 0 : (await c.req.arrayBuffer()).byteLength
      return c.json({ bytes, light }, 200)
    })
    .onError(handleError)
}

function hasNativeRequest(raw: Request): boolean {
  const cache = Object.getOwnPropertySymbols(raw).find((symbol) => symbol.description === 'requestCache')
  return cache !== undefined && (raw as unknown as Record<symbol, unknown>)[cache] !== undefined
}

/** Sends `chunks` over a real socket, with Content-Length when `declared`, else chunked; returns status and body. */
function send(port: number, method: string, chunks: string[], declared: boolean) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const length = chunks.reduce((sum, chunk) => sum + Buffer.byteLength(chunk), 0)
    const headers = declared ? { 'content-length': String(length) } : { 'transfer-encoding': 'chunked' }
    const req = httpRequest({ host: '127.0.0.1', port, method, path: '/echo', headers }, (res) => {
      let body = ''
      res.on('data', (chunk: Buffer) => {
        body += chunk.toString()
      })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    req.on('error', reject)
    for (const chunk of chunks) req.write(chunk)
    req.end()
  })
}

describe('the body limit', () => {
  let server: ServerType
  let port: number
  beforeAll(async () => {
    await new Promise<void>((resolve) => {
      server = serve({ fetch: echoApp().fetch, port: 0, hostname: '127.0.0.1' }, () => resolve())
    })
    port = (server.address() as AddressInfo).port
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it('lets a GET by without building a native Request for it', async () => {
    const answer = await send(port, 'GET', [], true)
    expect(answer.status).toBe(200)
    expect(JSON.parse(answer.body)).toEqual({ bytes: 0, light: 'true' })
  })

  it('checks a declared length without reading the body, which the handler then reads whole', async () => {
    const answer = await send(port, 'POST', ['a'.repeat(60), 'b'.repeat(40)], true)
    expect(answer.status).toBe(200)
    expect(JSON.parse(answer.body)).toEqual({ bytes: 100, light: 'true' })
  })

  it('refuses a declared length over the limit with 413 PAYLOAD_TOO_LARGE', async () => {
    const answer = await send(port, 'POST', ['x'.repeat(101)], true)
    expect(answer.status).toBe(413)
    expect(JSON.parse(answer.body).error.code).toBe('PAYLOAD_TOO_LARGE')
  })

  it('counts a chunked body as it streams: whole under the limit, 413 over it', async () => {
    const under = await send(port, 'POST', ['a'.repeat(50), 'b'.repeat(50)], false)
    expect(under.status).toBe(200)
    expect(JSON.parse(under.body).bytes).toBe(100)
    const over = await send(port, 'POST', ['a'.repeat(60), 'b'.repeat(60)], false)
    expect(over.status).toBe(413)
    expect(JSON.parse(over.body).error.code).toBe('PAYLOAD_TOO_LARGE')
  })

  it('counts a test request that declares no length (app.request), as before', async () => {
    const app = echoApp()
    expect((await app.request('/echo', { method: 'POST', body: 'x'.repeat(100) })).status).toBe(200)
    const over = await app.request('/echo', { method: 'POST', body: 'x'.repeat(101) })
    expect(over.status).toBe(413)
  })
})
