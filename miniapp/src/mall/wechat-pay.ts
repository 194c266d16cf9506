import Taro from '@tarojs/taro'
import type { PaymentParams } from '@mc/shared'

/** How WeChat's cashier closed; `unsupported` outside the mini-program, where it cannot open. */
export type WechatPayOutcome = 'paid' | 'cancelled' | 'failed' | 'unsupported'

/** What to tell the shopper when the cashier closed without paying. */
export const wechatPayOutcomeText: Record<Exclude<WechatPayOutcome, 'paid'>, string> = {
  cancelled: '已取消支付，可在订单中继续支付',
  failed: '支付未完成，请稍后在订单中重试',
  unsupported: '请在微信小程序中完成支付',
}

/**
 * Opens WeChat's cashier with the fields the BFF signed. A resolved call only means WeChat took the payment;
 * the order completes when the payment notice reaches the BFF, so the caller then polls the redemption.
 */
export async function payWithWechat(params: Extract<PaymentParams, { provider: 'wechat' }>): Promise<WechatPayOutcome> {
  if (process.env.TARO_ENV !== 'weapp') return 'unsupported'
  try {
    await Taro.requestPayment({
      timeStamp: params.timeStamp,
      nonceStr: params.nonceStr,
      package: params.package,
      signType: params.signType,
      paySign: params.paySign,
    })
    return 'paid'
  } catch (error) {
    const message =
      typeof error === 'object' && error !== null ? String((error as { errMsg?: unknown }).errMsg ?? '') : ''
    return message.includes('cancel') ? 'cancelled' : 'failed'
  }
}
