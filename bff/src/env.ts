import { z } from 'zod'

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1')

/**
 * How the BFF uses PostgreSQL (SQLite ignores them). Read by `openDatabase` itself, so every process that opens the
 * database (server, jobs and commands) sizes its pool alike; validated at start with the rest.
 */
const databaseSettingsShape = {
  /** Most connections one process holds; several instances share the server's max_connections. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(10),
  /** A statement running longer is cancelled (SQLSTATE 57014); 0: no limit. Migrations and jobs run without it. */
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(30_000),
  /** The server ends a transaction left idle this long, releasing its row locks; 0: no limit. */
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(0).default(60_000),
  /** A connection unused this long is closed. */
  DATABASE_IDLE_TIMEOUT_MS: z.coerce.number().int().min(1000).default(30_000),
  /** Waiting longer for a free connection (or a new one) fails the call; 0 (pg's default): wait as long as it takes. */
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(0).default(0),
  /** Hot statements as named prepared statements; off behind a pooler that cannot keep them (PgBouncer < 1.21). */
  DATABASE_NAMED_STATEMENTS: flag.default(true),
}

const DatabaseSettingsSchema = z.object(databaseSettingsShape)

export type DatabaseSettings = z.infer<typeof DatabaseSettingsSchema>

/** The database settings alone, from the environment; throws on a bad value (the server reports it first, at start). */
export function databaseSettings(source: Record<string, string | undefined> = process.env): DatabaseSettings {
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([key, value]) => key in databaseSettingsShape && value !== ''),
  )
  const result = DatabaseSettingsSchema.safeParse(cleaned)
  if (result.success) return result.data
  const problems = result.error.issues.map((issue) => `${String(issue.path[0])}: ${issue.message}`)
  throw new Error(`database settings: ${problems.join('; ')}`)
}

/**
 * Every setting the BFF reads, validated once at start. Defaults suit the embedded demo; production sets
 * DATABASE_URL, disables the local login and supplies the WeChat credentials.
 */
const EnvSchema = z
  .object({
    /** `production` turns on the production refusals below (so does a configured WECHAT_APP_ID). */
    NODE_ENV: z.string().optional(),
    PORT: z.coerce.number().int().min(0).max(65535).default(8787),
    HOST: z.string().min(1).default('0.0.0.0'),
    DATABASE_URL: z.string().min(1).default('./data/member-center.db'),
    ...databaseSettingsShape,
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    LOCAL_LOGIN_ENABLED: flag.default(false),
    SESSION_TTL_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 90)
      .default(24 * 7),
    WECHAT_APP_ID: z
      .string()
      .regex(/^wx[0-9a-f]{16}$/, 'must look like wx followed by 16 hex digits')
      .optional(),
    WECHAT_APP_SECRET: z
      .string()
      .regex(/^[0-9a-f]{32}$/, 'must be 32 hex digits')
      .optional(),
    WECHAT_API_BASE: z.url().default('https://api.weixin.qq.com'),
    H5_DIR: z.string().min(1).optional(),
    /** Where uploaded images are kept; unset: an `uploads` folder beside the SQLite file (or ./data/uploads). */
    UPLOADS_DIR: z.string().min(1).optional(),
    /** Where shoppers reach the H5 app (join-QR links point here); unset: http://localhost:<PORT>. */
    PUBLIC_BASE_URL: z
      .url()
      .regex(/^https?:\/\/[^/]+(\/.*[^/])?$/, 'must be an http(s) URL without a trailing slash')
      .optional(),
    /** Which mini-program version a store's join code opens (wxacode env_version). */
    WECHAT_ENV_VERSION: z.enum(['release', 'trial', 'develop']).default('release'),
    WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
    QR_SCENE_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
    SEED_DEMO: flag.default(false),
    /** A JSON file of this install's generated secrets (npm start: data/secrets.json); the environment wins over it. */
    SECRETS_FILE: z.string().min(1).optional(),
    /** The in-process payment provider for development and the H5 demo; never with real WeChat Pay settings. */
    LOCAL_PAYMENT_ENABLED: flag.default(false),
    WECHAT_PAY_MCHID: z
      .string()
      .regex(/^\d{6,32}$/, 'must be the digits of the merchant id')
      .optional(),
    WECHAT_PAY_SERIAL_NO: z
      .string()
      .regex(/^[0-9A-Fa-f]{8,64}$/, 'must be the merchant certificate serial (hex)')
      .optional(),
    WECHAT_PAY_PRIVATE_KEY_PATH: z.string().min(1).optional(),
    WECHAT_PAY_API_V3_KEY: z.string().length(32, 'must be exactly 32 characters').optional(),
    WECHAT_PAY_PLATFORM_KEY_PATH: z.string().min(1).optional(),
    WECHAT_PAY_PLATFORM_KEY_SERIAL: z.string().min(1).max(64).optional(),
    WECHAT_PAY_NOTIFY_URL: z.url().startsWith('https://', 'must be an https URL').optional(),
    WECHAT_PAY_API_BASE: z.url().default('https://api.mch.weixin.qq.com'),
    MALL_PAYMENT_TIMEOUT_MINUTES: z.coerce.number().int().min(1).max(120).default(15),
    JOBS_ENABLED: flag.default(true),
    /**
     * Where SMS go: Alibaba Cloud, the local provider that only logs (npm start, demos), or nowhere. Unset: aliyun
     * when its AccessKey is given, else local when the local login is on (a demo), else off.
     */
    SMS_PROVIDER: z.enum(['aliyun', 'local', 'off']).optional(),
    ALIYUN_SMS_ACCESS_KEY_ID: z
      .string()
      .regex(/^[A-Za-z0-9]{12,64}$/, 'must be an Alibaba Cloud AccessKey ID (letters and digits)')
      .optional(),
    ALIYUN_SMS_ACCESS_KEY_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
    ALIYUN_SMS_ENDPOINT: z.url().default('https://dysmsapi.aliyuncs.com'),
    /** Shared secret in the query of POST /webhooks/sms/inbound (Alibaba's SmsUp push); unset: the hook is closed. */
    SMS_INBOUND_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
    /** Redis for the abuse-limit counters (redis://[:password@]host:port[/db]); unset: the database keeps them. */
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\/\S+$/, 'must be a redis:// or rediss:// URL')
      .optional(),
    /** Abuse limits per action as JSON, e.g. {"memberLogin":{"perClient":100}}; unset: the built-in defaults. */
    RATE_LIMITS: z.string().min(2).optional(),
  })
  .superRefine((env, ctx) => {
    for (const problem of productionProblems(env)) ctx.addIssue({ code: 'custom', ...problem })
    if (Boolean(env.WECHAT_APP_ID) !== Boolean(env.WECHAT_APP_SECRET)) {
      ctx.addIssue({
        code: 'custom',
        path: ['WECHAT_APP_SECRET'],
        message: 'WECHAT_APP_ID and WECHAT_APP_SECRET go together',
      })
    }
    if (Boolean(env.ALIYUN_SMS_ACCESS_KEY_ID) !== Boolean(env.ALIYUN_SMS_ACCESS_KEY_SECRET)) {
      ctx.addIssue({
        code: 'custom',
        path: ['ALIYUN_SMS_ACCESS_KEY_SECRET'],
        message: 'ALIYUN_SMS_ACCESS_KEY_ID and ALIYUN_SMS_ACCESS_KEY_SECRET go together',
      })
    }
    if (env.SMS_PROVIDER === 'aliyun' && !env.ALIYUN_SMS_ACCESS_KEY_ID) {
      ctx.addIssue({
        code: 'custom',
        path: ['SMS_PROVIDER'],
        message: 'aliyun needs ALIYUN_SMS_ACCESS_KEY_ID and ALIYUN_SMS_ACCESS_KEY_SECRET',
      })
    }
    const pay = wechatPayVariables.filter((name) => env[name] !== undefined)
    if (pay.length > 0) {
      for (const name of wechatPayVariables) {
        if (env[name] === undefined)
          ctx.addIssue({ code: 'custom', path: [name], message: `is required once any WECHAT_PAY_ setting is given` })
      }
      if (!env.WECHAT_APP_ID)
        ctx.addIssue({ code: 'custom', path: ['WECHAT_APP_ID'], message: 'WeChat Pay needs the mini-program app id' })
      if (env.LOCAL_PAYMENT_ENABLED)
        ctx.addIssue({
          code: 'custom',
          path: ['LOCAL_PAYMENT_ENABLED'],
          message: 'cannot be on together with WeChat Pay',
        })
    }
  })
  .transform((env) => {
    const smsProvider: 'aliyun' | 'local' | 'off' =
      env.SMS_PROVIDER ?? (env.ALIYUN_SMS_ACCESS_KEY_ID ? 'aliyun' : env.LOCAL_LOGIN_ENABLED ? 'local' : 'off')
    return { ...env, SMS_PROVIDER: smsProvider }
  })

const wechatPayVariables = [
  'WECHAT_PAY_MCHID',
  'WECHAT_PAY_SERIAL_NO',
  'WECHAT_PAY_PRIVATE_KEY_PATH',
  'WECHAT_PAY_API_V3_KEY',
  'WECHAT_PAY_PLATFORM_KEY_PATH',
  'WECHAT_PAY_PLATFORM_KEY_SERIAL',
  'WECHAT_PAY_NOTIFY_URL',
] as const

/**
 * The secret values the README and `npm start` have published. Anyone can read them, so a deployment using one
 * has no secret at all; production refuses them whatever variable carries them.
 */
export const publishedDemoSecrets: readonly string[] = [
  'whsec_demo_change_me_0000',
  'qrscene_demo_change_me_0000',
  'demo-owner-2026',
]

/** The demo conveniences that must never run against real shoppers, and what each would let anyone do. */
const demoSwitches = [
  ['LOCAL_LOGIN_ENABLED', 'the local login lets anyone log in as any phone number without a code'],
  ['LOCAL_PAYMENT_ENABLED', 'the local payment provider marks orders paid without any money moving'],
  ['SEED_DEMO', 'demo seeding writes invented shoppers and a known owner password'],
] as const

/**
 * Production is NODE_ENV=production or a real WeChat app id: either means real shoppers may arrive. There the
 * demo switches and the published demo secrets are refused at start rather than trusted to a checklist.
 */
function productionProblems(env: Record<string, unknown>): { path: string[]; message: string }[] {
  const production = env.NODE_ENV === 'production' || Boolean(env.WECHAT_APP_ID)
  if (!production) return []
  const why = env.NODE_ENV === 'production' ? 'NODE_ENV=production' : 'WECHAT_APP_ID is set'
  const problems: { path: string[]; message: string }[] = demoSwitches
    .filter(([name]) => env[name] === true)
    .map(([name, risk]) => ({ path: [name], message: `must be off in production (${why}): ${risk}` }))
  for (const [name, value] of Object.entries(env)) {
    if (typeof value === 'string' && publishedDemoSecrets.includes(value))
      problems.push({ path: [name], message: `is a published demo value; production (${why}) needs its own secret` })
  }
  return problems
}

/**
 * Settings whose values are safe to repeat in an error message. Every other value (secrets, tokens, keys and URLs,
 * which can carry credentials) is never echoed, so a start-up error pasted into a ticket leaks nothing.
 */
const echoableSettings: ReadonlySet<string> = new Set([
  'NODE_ENV',
  'PORT',
  'HOST',
  'LOG_LEVEL',
  'LOCAL_LOGIN_ENABLED',
  'LOCAL_PAYMENT_ENABLED',
  'SEED_DEMO',
  'JOBS_ENABLED',
  'SESSION_TTL_HOURS',
  'MALL_PAYMENT_TIMEOUT_MINUTES',
  'WECHAT_ENV_VERSION',
  'SMS_PROVIDER',
  ...Object.keys(databaseSettingsShape),
])

export type Env = z.infer<typeof EnvSchema>

/** Returns the parsed env, or a list of one readable line per bad or missing variable. */
export function parseEnv(source: Record<string, string | undefined>): { env: Env } | { problems: string[] } {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''))
  const result = EnvSchema.safeParse(cleaned)
  if (result.success) return { env: result.data }
  return {
    problems: result.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'environment')
      const shown = echoableSettings.has(name) && source[name] !== undefined ? ` (got "${source[name]}")` : ''
      return `${name}: ${issue.message}${shown}`
    }),
  }
}

export function loadEnvOrExit(source = process.env): Env {
  const parsed = parseEnv(source)
  if ('env' in parsed) return parsed.env
  console.error(`Configuration error:\n${parsed.problems.map((p) => `  - ${p}`).join('\n')}`)
  process.exit(1)
}
