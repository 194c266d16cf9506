import type { Logger } from 'pino'
import type { SmsSender, WechatSubscribeSender } from './outreach-adapters'

/** 13812345678 → 138****5678: a log line must never carry a whole phone number. */
export const maskedPhone = (phone: string) =>
  phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****'

/** An openid is a member's identifier at WeChat: enough of it to tell two apart, never all of it. */
const maskedOpenid = (openid: string) => `${openid.slice(0, 4)}…`

/**
 * `npm start` and demos reach neither WeChat nor Alibaba Cloud: these "deliver" a message by logging one line
 * (what would have gone out, with the phone and openid masked) and answer ok, so the outbox, the subscription
 * budget and the console behave as they would in production.
 */
export function createLocalWechatSubscribeSender(logger: Logger): WechatSubscribeSender {
  let sent = 0
  return {
    async send(message) {
      sent += 1
      logger.info(
        {
          channel: 'wechat',
          openid: maskedOpenid(message.openid),
          templateId: message.templateId,
          page: message.page,
          data: message.data,
        },
        'local outreach: WeChat subscribe message delivered',
      )
      return { ok: true, providerId: `local-wechat-${sent}` }
    },
  }
}

export function createLocalSmsSender(logger: Logger): SmsSender {
  let sent = 0
  return {
    async send(message) {
      sent += 1
      logger.info(
        {
          channel: 'sms',
          phone: maskedPhone(message.phone),
          signName: message.signName,
          templateCode: message.templateCode,
          params: message.params,
          outId: message.outId,
        },
        'local outreach: SMS delivered',
      )
      return { ok: true, providerId: `local-sms-${sent}` }
    },
  }
}
