import type { PaymentParams } from '@mc/shared'
import { newNonce, signMessage, unixSeconds, type PrivateKeyInput } from './rsa-signature'

/** The message behind `paySign`: app id, timeStamp, nonceStr and package, each followed by a newline. */
export function paySignMessage(appid: string, timeStamp: string, nonceStr: string, pkg: string): string {
  return `${appid}\n${timeStamp}\n${nonceStr}\n${pkg}\n`
}

/** The arguments of `wx.requestPayment` for one prepay_id, signed with the merchant key. */
export function paymentParamsFor(
  prepayId: string,
  signer: { appid: string; merchantPrivateKey: PrivateKeyInput; nonce?: string; timestamp?: string },
): Extract<PaymentParams, { provider: 'wechat' }> {
  const timeStamp = signer.timestamp ?? unixSeconds(new Date())
  const nonceStr = signer.nonce ?? newNonce()
  const pkg = `prepay_id=${prepayId}`
  const paySign = signMessage(signer.merchantPrivateKey, paySignMessage(signer.appid, timeStamp, nonceStr, pkg))
  return { provider: 'wechat', timeStamp, nonceStr, package: pkg, signType: 'RSA', paySign }
}
