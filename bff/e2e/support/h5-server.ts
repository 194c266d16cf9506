import { serve, type ServerType } from '@hono/node-server'
import { mkdtemp, rm } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { permissions } from '@mc/shared'
import pino from 'pino'
import { storeApiKey } from '../../src/auth/api-keys'
import { createApp } from '../../src/app'
import { prepareDatabase } from '../../src/setup/prepare-database'
import { seedDemo } from '../../src/setup/seed'
import type { Deps } from '../../src/deps'
import { serveH5 } from '../../src/http/serve-h5'
import { createLocalPaymentProvider } from '../../src/mall/local-payment-provider'
import { createLocalSmsSender, createLocalWechatSubscribeSender } from '../../src/outreach/local-outreach'
import { createDiskImageStore } from '../../src/uploads/image-store'
import { runDailyJobs } from '../../src/jobs/run-daily-jobs'
import { runInsightsJob } from '../../src/jobs/run-insights-job'
import { runJourneys } from '../../src/jobs/run-journeys'
import { runCampaigns } from '../../src/jobs/run-campaigns'
import { readEngagementSettings, saveEngagementSettings } from '../../src/outreach/engagement-settings'
import type { Kysely } from 'kysely'
import type { Database } from '../../src/db/schema'
import { openTestDatabase } from '../../src/test/test-database'
import { e2eClock } from './e2e-clock'
import { testRateLimits } from '../../src/test/test-rate-limits'

/** Signs the e2e stores' join scenes; tests sign their own QR scenes with it. */
export const e2eQrSceneSecret = 'qrscene_e2e_0123456789abcdef'

export const h5Dir = join(import.meta.dirname, '../../../miniapp/dist/h5')

/** Signs the order events browser tests post to /webhooks/orders, as a shop system would. */
export const e2eWebhookSecret = 'whsec_e2e_0123456789abcdef'

/** An API key with every permission, for browser tests' own admin calls (creating staff, adjusting balances). */
export const e2eAdminToken = 'admin_e2e_0123456789abcdef'

/**
 * The product as `npm start` runs it (BFF serving the built H5 app on one port, demo data seeded, local login
 * and local payments on), on a fresh SQLite file and a free port. Its time is `e2eClock`, which the demo data is
 * seeded against too; the server runs in the test process, so specs move that clock directly and the app
 * has no way to be told the time. `history` seeds `npm start`'s year of demo history instead of today's shoppers
 * (slower: only the insights specs, whose reports need past days, ask for it).
 */
export async function startH5Server(options: { history?: boolean } = {}) {
  const database = await openTestDatabase('sqlite')
  await prepareDatabase(database.db, e2eClock.now())
  // The specs read the upgrade messages of named shoppers, whose ids are random: with the default 10% holdout one
  // of them would be held out in some runs. Holdouts have their own specs (bff/src/outreach, bff/src/jobs).
  const settings = await readEngagementSettings(database.db)
  const upgrade = { ...settings.journeys.upgrade, holdoutPercent: 0 }
  await saveEngagementSettings(
    database.db,
    { ...settings, journeys: { ...settings.journeys, upgrade } },
    'e2e',
    e2eClock.now(),
  )
  // The demo year runs the nightly jobs each simulated day; they live above setup, so they are handed in.
  const jobLogger = pino({ level: 'silent' })
  const history = options.history
    ? {
        history: {
          daily: runDailyJobs,
          insights: runInsightsJob,
          journeys: (db: Kysely<Database>, now: Date, holder: string) =>
            runJourneys({ db, logger: jobLogger }, now, holder),
          campaigns: (db: Kysely<Database>, now: Date, holder: string) =>
            runCampaigns({ db, logger: jobLogger }, now, holder),
        },
      }
    : {}
  await seedDemo(database.db, e2eClock.now(), history)
  await storeApiKey(database.db, {
    name: 'e2e',
    permissions,
    createdBy: null,
    now: e2eClock.now(),
    secret: e2eAdminToken,
  })
  const imagesDir = await mkdtemp(join(tmpdir(), 'mc-e2e-uploads-'))
  const logger = pino({ level: 'warn' })
  const deps: Deps = {
    db: database.db,
    databaseKind: 'sqlite',
    clock: e2eClock,
    logger,
    version: 'e2e',
    webhookSecret: e2eWebhookSecret,
    qrSceneSecret: e2eQrSceneSecret,
    payments: createLocalPaymentProvider(),
    // As under `npm start`: subscribe messages and SMS "delivered" by a log line (below warn, so not printed).
    outreach: { wechat: createLocalWechatSubscribeSender(logger), sms: createLocalSmsSender(logger) },
    images: createDiskImageStore(imagesDir),
    joinQr: { publicBaseUrl: 'http://localhost:3000', wechat: null },
    mall: { paymentTimeoutMinutes: 15 },
    checkResponses: true,
    // The browser specs log in many times from 127.0.0.1 on a hand-moved clock; the counters still run.
    rateLimits: { limits: testRateLimits },
    auth: { localLoginEnabled: true, sessionTtlHours: 24, wechat: null },
  }
  const app = createApp(deps)
  serveH5(app, h5Dir)
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s))
  })
  const { port } = server.address() as AddressInfo
  // Join URLs and QR codes name this server, known only once it listens.
  deps.joinQr.publicBaseUrl = `http://127.0.0.1:${port}`
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    db: database.db,
    clock: e2eClock,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await database.drop()
      await rm(imagesDir, { recursive: true, force: true })
    },
  }
}
