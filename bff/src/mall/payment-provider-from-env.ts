import { readFileSync } from 'node:fs'
import type { Env } from '../env'
import { createLocalPaymentProvider } from './local-payment-provider'
import type { PaymentProvider } from './payment-provider'
import { createWechatPayProvider } from './wechat-pay/create-wechat-pay-provider'

/**
 * WeChat Pay when its settings are given (env.ts makes them all-or-nothing), the local provider when enabled, else
 * none.
 */
export function paymentProviderFromEnv(env: Env): PaymentProvider | null {
  if (env.WECHAT_PAY_MCHID && env.WECHAT_APP_ID) {
    return createWechatPayProvider({
      mchid: env.WECHAT_PAY_MCHID,
      appid: env.WECHAT_APP_ID,
      merchantSerialNo: env.WECHAT_PAY_SERIAL_NO!,
      merchantPrivateKeyPem: readFileSync(env.WECHAT_PAY_PRIVATE_KEY_PATH!, 'utf8'),
      apiV3Key: env.WECHAT_PAY_API_V3_KEY!,
      platformKeys: { [env.WECHAT_PAY_PLATFORM_KEY_SERIAL!]: readFileSync(env.WECHAT_PAY_PLATFORM_KEY_PATH!, 'utf8') },
      notifyUrl: env.WECHAT_PAY_NOTIFY_URL!,
      baseUrl: env.WECHAT_PAY_API_BASE,
    })
  }
  return env.LOCAL_PAYMENT_ENABLED ? createLocalPaymentProvider() : null
}
