import type { Kysely } from 'kysely'
import type { Logger } from 'pino'
import type { Database } from '../db/schema'
import type { Clock } from '../deps'
import type { Env } from '../env'
import { createAliyunSmsSender } from './aliyun-sms-sender'
import { createLocalSmsSender, createLocalWechatSubscribeSender } from './local-outreach'
import type { OutreachAdapters } from './outreach-adapters'
import { createWechatSubscribeSender } from './wechat-subscribe-sender'

/**
 * The push channels the server runs with. WeChat subscribe messages: the real API when the app's id and secret
 * are set, else the logging stand-in for a demo (local login on), else none. SMS: as SMS_PROVIDER says (env.ts
 * resolves its default the same way).
 */
export function outreachAdaptersFromEnv(
  env: Env,
  deps: { db: Kysely<Database>; clock: Clock; logger: Logger },
): OutreachAdapters {
  const wechat =
    env.WECHAT_APP_ID && env.WECHAT_APP_SECRET
      ? createWechatSubscribeSender({
          app: {
            appId: env.WECHAT_APP_ID,
            appSecret: env.WECHAT_APP_SECRET,
            apiBase: env.WECHAT_API_BASE,
            envVersion: env.WECHAT_ENV_VERSION,
          },
          db: deps.db,
          clock: deps.clock,
        })
      : env.LOCAL_LOGIN_ENABLED
        ? createLocalWechatSubscribeSender(deps.logger)
        : null
  // env.ts refuses SMS_PROVIDER=aliyun without both keys, so the key checks here only narrow the types.
  const sms =
    env.SMS_PROVIDER === 'aliyun' && env.ALIYUN_SMS_ACCESS_KEY_ID && env.ALIYUN_SMS_ACCESS_KEY_SECRET
      ? createAliyunSmsSender({
          config: {
            accessKeyId: env.ALIYUN_SMS_ACCESS_KEY_ID,
            accessKeySecret: env.ALIYUN_SMS_ACCESS_KEY_SECRET,
            endpoint: env.ALIYUN_SMS_ENDPOINT,
          },
          clock: deps.clock,
        })
      : env.SMS_PROVIDER === 'local'
        ? createLocalSmsSender(deps.logger)
        : null
  return { wechat, sms }
}
