/**
 * The two push channels behind interfaces, so the outbox drain does not know whether it is talking to WeChat,
 * Alibaba Cloud SMS, the local providers of `npm start`, or a test's fake server.
 */

/** What a send attempt came to. `permanent` failures are not retried; `spent` also uses up the subscription. */
export type DeliveryOutcome =
  | { ok: true; providerId: string | null }
  | { ok: false; permanent: boolean; error: string; subscriptionSpent?: boolean }

/** `subscribeMessage.send`: one message against one accepted one-time subscription. */
export interface WechatSubscribeSender {
  send(message: {
    openid: string
    templateId: string
    /** Mini-program page the message opens, e.g. `points/pages/expiring/index`. */
    page: string | null
    /** Template keyword → value, already cut to WeChat's length limits. */
    data: Record<string, string>
  }): Promise<DeliveryOutcome>
}

/** One SMS through the provider's signed API. */
export interface SmsSender {
  send(message: {
    phone: string
    signName: string
    templateCode: string
    params: Record<string, string>
    /** Our outbox id, passed as the provider's OutId so its receipts can be matched. */
    outId: string
  }): Promise<DeliveryOutcome>
}

/** The configured push channels; null when one is not set up (its messages are skipped; the console says so). */
export interface OutreachAdapters {
  wechat: WechatSubscribeSender | null
  sms: SmsSender | null
}
