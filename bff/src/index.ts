import { serve } from '@hono/node-server'
import { createApp } from './app'
import { openDatabase, sqlitePath } from './db/database'
import { prepareDatabase } from './setup/prepare-database'
import { withInstallSecrets } from './setup/install-secrets'
import { demoOwner, seedDemo } from './setup/seed'
import { systemClock, type Deps } from './deps'
import { loadEnvOrExit } from './env'
import { serveH5 } from './http/serve-h5'
import { startScheduler } from './jobs/scheduler'
import { runDailyJobs } from './jobs/run-daily-jobs'
import { runInsightsJob } from './jobs/run-insights-job'
import { runJourneys } from './jobs/run-journeys'
import { runCampaigns } from './jobs/run-campaigns'
import { redisRateLimitCounter } from './auth/rate-limit-redis'
import { rateLimitsFromJson } from './auth/rate-limit-settings'
import { createWechatLogin } from './auth/wechat-login'
import { createLocalWechatPhoneNumbers, createWechatPhoneNumbers } from './auth/wechat-phone-number'
import { paymentProviderFromEnv } from './mall/payment-provider-from-env'
import { createServerLog } from './http/server-log'
import { stopOnSignalsAndFatalErrors } from './http/server-shutdown'
import { createDiskImageStore } from './uploads/image-store'
import { outreachAdaptersFromEnv } from './outreach/outreach-adapters-from-env'
import packageJson from '../package.json' with { type: 'json' }
import { dirname, join } from 'node:path'

// npm start keeps random per-install secrets in the data folder; an operator's own settings take precedence.
const env = loadEnvOrExit(withInstallSecrets(process.env))
// Asynchronous: a request never waits for its log line to be written (see http/server-log.ts).
const log = createServerLog(env.LOG_LEVEL)
const { logger } = log
if (env.SECRETS_FILE) logger.info({ secretsFile: env.SECRETS_FILE }, 'install secrets kept in this file (mode 0600)')
const { db, kind, close } = openDatabase(env.DATABASE_URL)

const applied = await prepareDatabase(db)
if (applied.length > 0) logger.info({ applied }, 'migrations applied')
// The first start lives a demo year through the real code paths (about 16 s of CPU), so the insights have history.
if (
  env.SEED_DEMO &&
  (await seedDemo(db, systemClock.now(), {
    history: {
      daily: runDailyJobs,
      insights: runInsightsJob,
      journeys: (db, now, holder) => runJourneys({ db, logger }, now, holder),
      campaigns: (db, now, holder) => runCampaigns({ db, logger }, now, holder),
    },
  }))
) {
  logger.info(`demo data seeded; merchant console login: ${demoOwner.login} / ${demoOwner.password} (demo only)`)
}

// Uploaded images live beside the SQLite file unless told otherwise (PostgreSQL: ./data/uploads).
const uploadsDir =
  env.UPLOADS_DIR ?? (kind === 'sqlite' ? join(dirname(sqlitePath(env.DATABASE_URL)), 'uploads') : './data/uploads')

// Abuse-limit counters: in Redis when configured (shared by every instance), else in the database's table.
const rateLimitCounter = env.REDIS_URL ? redisRateLimitCounter(env.REDIS_URL) : undefined
let rateLimits: ReturnType<typeof rateLimitsFromJson>
try {
  rateLimits = rateLimitsFromJson(env.RATE_LIMITS)
} catch (error) {
  console.error(`Configuration error:\n  - ${(error as Error).message}`)
  process.exit(1)
}

const deps: Deps = {
  db,
  databaseKind: kind,
  clock: systemClock,
  logger,
  version: packageJson.version,
  webhookSecret: env.WEBHOOK_SECRET ?? null,
  qrSceneSecret: env.QR_SCENE_SECRET ?? null,
  payments: paymentProviderFromEnv(env),
  outreach: outreachAdaptersFromEnv(env, { db, clock: systemClock, logger }),
  smsInboundToken: env.SMS_INBOUND_TOKEN ?? null,
  images: createDiskImageStore(uploadsDir),
  joinQr: {
    publicBaseUrl: env.PUBLIC_BASE_URL ?? `http://localhost:${env.PORT}`,
    wechat:
      env.WECHAT_APP_ID && env.WECHAT_APP_SECRET
        ? {
            appId: env.WECHAT_APP_ID,
            appSecret: env.WECHAT_APP_SECRET,
            apiBase: env.WECHAT_API_BASE,
            envVersion: env.WECHAT_ENV_VERSION,
          }
        : null,
  },
  mall: { paymentTimeoutMinutes: env.MALL_PAYMENT_TIMEOUT_MINUTES },
  rateLimits: { counter: rateLimitCounter, limits: rateLimits },
  auth: {
    localLoginEnabled: env.LOCAL_LOGIN_ENABLED,
    sessionTtlHours: env.SESSION_TTL_HOURS,
    wechat:
      env.WECHAT_APP_ID && env.WECHAT_APP_SECRET
        ? createWechatLogin({
            appId: env.WECHAT_APP_ID,
            appSecret: env.WECHAT_APP_SECRET,
            apiBase: env.WECHAT_API_BASE,
          })
        : null,
    wechatPhone:
      env.WECHAT_APP_ID && env.WECHAT_APP_SECRET
        ? createWechatPhoneNumbers({
            app: { appId: env.WECHAT_APP_ID, appSecret: env.WECHAT_APP_SECRET, apiBase: env.WECHAT_API_BASE },
            db,
            clock: systemClock,
          })
        : env.LOCAL_LOGIN_ENABLED
          ? createLocalWechatPhoneNumbers(logger)
          : null,
  },
}
const app = createApp(deps)
if (env.H5_DIR) serveH5(app, env.H5_DIR)

const stopScheduler = env.JOBS_ENABLED ? startScheduler(deps) : () => {}

const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
  logger.info(
    {
      port: info.port,
      database: kind,
      localLogin: env.LOCAL_LOGIN_ENABLED,
      payments: deps.payments?.kind ?? 'off',
      sms: env.SMS_PROVIDER,
      wechatSubscribe: env.WECHAT_APP_ID ? 'wechat' : deps.outreach.wechat ? 'local' : 'off',
    },
    `Member Center listening on http://localhost:${info.port}`,
  )
})

// SIGTERM / SIGINT: answer the requests in flight, close the database, write the last log lines, then exit.
stopOnSignalsAndFatalErrors({
  logger,
  server,
  graceMs: 10_000,
  release: async () => {
    stopScheduler()
    await Promise.all([close(), rateLimitCounter?.close()])
  },
  closeLog: log.close,
  flushLogSync: log.flushSync,
})
