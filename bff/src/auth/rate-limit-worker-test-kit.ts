import { parentPort, workerData } from 'node:worker_threads'
import pino from 'pino'
import { createApp } from '../app'
import { openDatabase } from '../db/database'
import type { Deps, RateLimit, RateLimitedAction } from '../deps'
import { createDiskImageStore } from '../uploads/image-store'

/** What the spec hands the instance: its database and limits. */
export interface InstanceData {
  script: string
  url: string
  searchPath?: string
  limits: Record<RateLimitedAction, RateLimit>
}

/** One request for the instance, at the spec's clock time; answered with the response's status and headers. */
export interface InstanceRequest {
  id: number
  path: string
  init: { method: string; headers: Record<string, string>; body?: string }
  nowMs: number
}

const port = parentPort
if (!port) throw new Error('rate-limit-worker-test-kit.ts runs only in a worker thread')
const data = workerData as InstanceData
const database = openDatabase(data.url, data.searchPath ? { searchPath: data.searchPath } : {})
let nowMs = 0
const deps: Deps = {
  db: database.db,
  databaseKind: database.kind,
  clock: { now: () => new Date(nowMs) },
  logger: pino({ level: 'silent' }),
  version: 'test',
  webhookSecret: null,
  qrSceneSecret: null,
  payments: null,
  images: createDiskImageStore('/nonexistent'),
  joinQr: { publicBaseUrl: 'http://localhost:3000', wechat: null },
  mall: { paymentTimeoutMinutes: 15 },
  outreach: { wechat: null, sms: null },
  rateLimits: { limits: data.limits },
  auth: { localLoginEnabled: true, sessionTtlHours: 24, wechat: null },
}
const app = createApp(deps)

port.on('message', async (message: InstanceRequest | 'close') => {
  if (message === 'close') {
    await database.close()
    port.postMessage('closed')
    return
  }
  nowMs = message.nowMs
  const response = await app.request(message.path, message.init)
  port.postMessage({
    id: message.id,
    status: response.status,
    headers: Object.fromEntries(response.headers.entries()),
    body: await response.text(),
  })
})
port.postMessage('ready')
