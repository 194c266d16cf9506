import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pino from 'pino'
import { afterAll, beforeAll, expect } from 'vitest'
import { permissions } from '@mc/shared'
import { createApp } from '../app'
import { storeApiKey } from '../auth/api-keys'
import { prepareDatabase } from '../setup/prepare-database'
import type { Deps } from '../deps'
import { logRedactPaths } from '../http/log-redact'
import type { WechatLogin, WechatPhoneNumbers } from '../auth/wechat-login'
import { verifyLedgers } from '../ledger/verify-ledgers'
import { createLocalPaymentProvider } from '../mall/local-payment-provider'
import type { PaymentProvider } from '../mall/payment-provider'
import { createDiskImageStore } from '../uploads/image-store'
import { TestClock } from './test-clock'
import { testRateLimits } from './test-rate-limits'
import { openTestDatabase, withSchemaLock } from './test-database'

export interface TestAppOptions {
  localLoginEnabled?: boolean
  wechat?: WechatLogin | null
  /** 微信手机号快捷登录; none unless a test brings one (it may also set `deps.auth.wechatPhone` once the db exists). */
  wechatPhone?: WechatPhoneNumbers | null
  sessionTtlHours?: number
  webhookSecret?: string | null
  qrSceneSecret?: string | null
  /** The local provider unless a test brings its own (WeChat Pay against a fake server) or none. */
  payments?: PaymentProvider | null
  paymentTimeoutMinutes?: number
  /** Store join QR codes: H5 QR codes of this base URL unless WeChat credentials (a fake server's) are given. */
  joinQr?: Partial<Deps['joinQr']>
  /** WeChat subscribe and SMS senders; none by default (the inbox alone). */
  outreach?: Partial<Deps['outreach']>
  /**
   * Abuse limits: by default `testRateLimits` (the real counters in this database, with limits no spec's own logins
   * reach); rate-limit specs set their own limits or counter.
   */
  rateLimits?: Deps['rateLimits']
}

export const testWebhookSecret = 'whsec_test_0123456789abcdef'
/** An API key holding every permission, stored in each test app's database: the admin API's script credential. */
export const testAdminToken = 'admin_test_token_0123456789abcdef'
export const testQrSceneSecret = 'qrscene_test_0123456789abcdef'

/**
 * The real app on a fresh migrated database, with a hand-moved clock and a logger whose lines the test can read.
 * Call `close()` in afterAll.
 */
export async function createTestApp(options: TestAppOptions = {}) {
  const database = await openTestDatabase()
  await withSchemaLock('shared', () => prepareDatabase(database.db))
  const clock = new TestClock()
  const logLines: string[] = []
  const logger = pino({ level: 'info', redact: logRedactPaths }, { write: (line: string) => void logLines.push(line) })
  const imagesDir = await mkdtemp(join(tmpdir(), 'mc-uploads-'))
  const deps: Deps = {
    db: database.db,
    databaseKind: database.kind,
    clock,
    logger,
    version: 'test',
    webhookSecret: options.webhookSecret === undefined ? testWebhookSecret : options.webhookSecret,
    qrSceneSecret: options.qrSceneSecret === undefined ? testQrSceneSecret : options.qrSceneSecret,
    payments: options.payments === undefined ? createLocalPaymentProvider() : options.payments,
    images: createDiskImageStore(imagesDir),
    joinQr: { publicBaseUrl: 'http://localhost:3000', wechat: null, ...options.joinQr },
    mall: { paymentTimeoutMinutes: options.paymentTimeoutMinutes ?? 15 },
    outreach: { wechat: null, sms: null, ...options.outreach },
    checkResponses: true,
    rateLimits: options.rateLimits ?? { limits: testRateLimits },
    auth: {
      localLoginEnabled: options.localLoginEnabled ?? true,
      sessionTtlHours: options.sessionTtlHours ?? 24,
      wechat: options.wechat ?? null,
      wechatPhone: options.wechatPhone ?? null,
    },
  }
  await storeApiKey(database.db, {
    name: 'test admin',
    permissions,
    createdBy: null,
    now: clock.now(),
    secret: testAdminToken,
  })
  const app = createApp(deps)

  const json = async (method: string, path: string, body?: unknown, token?: string) => {
    const response = await app.request(path, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    return { status: response.status, body: (await response.json()) as any }
  }

  /** Logs in with the local provider and joins; returns the session token. */
  const joinedMember = async (phone: string) => {
    const login = await json('POST', '/api/auth/local', { phone })
    await json('POST', '/api/members/join', {}, login.body.token)
    return login.body.token as string
  }

  return {
    app,
    db: database.db,
    url: database.url,
    kind: database.kind,
    clock,
    logLines,
    deps,
    json,
    joinedMember,
    imagesDir,
    close: async () => {
      await database.drop()
      await rm(imagesDir, { recursive: true, force: true })
    },
  }
}

export type TestApp = Awaited<ReturnType<typeof createTestApp>>

/**
 * The test app of one describe block: created before its tests; after them every balance is checked against its
 * entries (`verifyLedgers`), unless the block says otherwise, and the database dropped. Read it inside tests and
 * hooks registered after this call, which run once it is there.
 */
export function useTestApp(options: TestAppOptions = {}, after: { verifyLedgers: boolean } = { verifyLedgers: true }) {
  const t = {} as TestApp
  beforeAll(async () => {
    Object.assign(t, await createTestApp(options))
  })
  afterAll(async () => {
    if (!t.db) return
    if (after.verifyLedgers) expect(await verifyLedgers(t.db)).toEqual([])
    await t.close()
  })
  return t
}
