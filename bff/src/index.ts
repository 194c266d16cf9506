import { serve } from '@hono/node-server'
import pino from 'pino'
import { createApp } from './app'
import { openDatabase } from './db/database'
import { prepareDatabase } from './setup/prepare-database'
import { seedDemo } from './setup/seed'
import { systemClock, type Deps } from './deps'
import { loadEnvOrExit } from './env'
import { serveH5 } from './http/serve-h5'
import { startScheduler } from './jobs/scheduler'
import { createWechatLogin } from './auth/wechat-login'
import { paymentProviderFromEnv } from './mall/payment-provider-from-env'
import { logRedactPaths } from './http/log-redact'
import packageJson from '../package.json' with { type: 'json' }

const env = loadEnvOrExit()
const logger = pino({ level: env.LOG_LEVEL, redact: logRedactPaths })
const { db, kind, close } = openDatabase(env.DATABASE_URL)

const applied = await prepareDatabase(db)
if (applied.length > 0) logger.info({ applied }, 'migrations applied')
if (env.SEED_DEMO && (await seedDemo(db, systemClock.now()))) logger.info('demo data seeded')

const deps: Deps = {
  db,
  databaseKind: kind,
  clock: systemClock,
  logger,
  version: packageJson.version,
  webhookSecret: env.WEBHOOK_SECRET ?? null,
  adminToken: env.ADMIN_TOKEN ?? null,
  qrSceneSecret: env.QR_SCENE_SECRET ?? null,
  payments: paymentProviderFromEnv(env),
  mall: { paymentTimeoutMinutes: env.MALL_PAYMENT_TIMEOUT_MINUTES },
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
  },
}
const app = createApp(deps)
if (env.H5_DIR) serveH5(app, env.H5_DIR)

const stopScheduler = env.JOBS_ENABLED ? startScheduler(deps) : () => {}

const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
  logger.info(
    { port: info.port, database: kind, localLogin: env.LOCAL_LOGIN_ENABLED, payments: deps.payments?.kind ?? 'off' },
    `Member Center listening on http://localhost:${info.port}`,
  )
})

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    stopScheduler()
    server.close()
    void close().then(() => process.exit(0))
  })
}
