import { createCipheriv, createSign, createVerify, randomBytes, randomUUID, type KeyObject } from 'node:crypto'
import type { TextNotice } from '../mall/payment-provider'

// WeChat Pay's side of the wire, written again from WeChat's documentation with node:crypto and nothing from
// bff/src/mall/wechat-pay: if the project's signer or cipher drifts from WeChat's format, the fake (built from this)
// stops agreeing with it and the payment specs fail. Sharing code would let a format bug pass on both sides.

/** Who signs as WeChat: the platform private key, its serial, the APIv3 key and the time to sign at. */
export interface WechatSide {
  platformPrivateKey: string | KeyObject
  serial: string
  apiV3Key: string
  now: Date
  eventType?: string
  nonce?: string
}

/** `2026-11-23T10:00:00+08:00`: WeChat's RFC 3339 in Beijing time. */
export function wechatTime(at: Date): string {
  const beijing = new Date(at.getTime() + 8 * 60 * 60 * 1000)
  return `${beijing.toISOString().replace(/\.\d{3}Z$/, '')}+08:00`
}

/** The Wechatpay-* headers WeChat puts on a notice or an answer: SHA256withRSA over "ts\nnonce\nbody\n". */
export function wechatSignatureHeaders(
  body: string,
  side: Pick<WechatSide, 'platformPrivateKey' | 'serial' | 'now' | 'nonce'>,
): Record<string, string> {
  const timestamp = Math.floor(side.now.getTime() / 1000).toString()
  const nonce = side.nonce ?? randomBytes(16).toString('hex').toUpperCase()
  const signature = createSign('RSA-SHA256')
    .update(`${timestamp}\n${nonce}\n${body}\n`, 'utf8')
    .sign(side.platformPrivateKey, 'base64')
  return {
    'Wechatpay-Timestamp': timestamp,
    'Wechatpay-Nonce': nonce,
    'Wechatpay-Signature': signature,
    'Wechatpay-Serial': side.serial,
    'Wechatpay-Signature-Type': 'WECHATPAY2-SHA256-RSA2048',
  }
}

/** AEAD_AES_256_GCM as WeChat seals a resource: 12-character nonce, the APIv3 key's bytes, tag appended. */
export function sealWechatResource(plaintext: string, apiV3Key: string, originalType: string, associatedData: string) {
  const nonce = randomBytes(9).toString('base64url').slice(0, 12)
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(nonce, 'utf8'))
  cipher.setAAD(Buffer.from(associatedData, 'utf8'))
  const sealed = Buffer.concat([cipher.update(Buffer.from(plaintext, 'utf8')), cipher.final(), cipher.getAuthTag()])
  return {
    original_type: originalType,
    algorithm: 'AEAD_AES_256_GCM' as const,
    ciphertext: sealed.toString('base64'),
    associated_data: associatedData,
    nonce,
  }
}

/** A payment notice as WeChat posts it: the transaction sealed in the envelope, the raw body signed. */
export function wechatNotice(transaction: object, side: WechatSide): TextNotice {
  const body = JSON.stringify({
    id: randomUUID(),
    create_time: wechatTime(side.now),
    resource_type: 'encrypt-resource',
    event_type: side.eventType ?? 'TRANSACTION.SUCCESS',
    summary: '支付成功',
    resource: sealWechatResource(JSON.stringify(transaction), side.apiV3Key, 'transaction', 'transaction'),
  })
  return { headers: { 'Content-Type': 'application/json', ...wechatSignatureHeaders(body, side) }, body }
}

/** The parts of a merchant's `Authorization: WECHATPAY2-SHA256-RSA2048 k="v",…` header; null if malformed. */
export function merchantAuthorization(header: string | undefined): Record<string, string> | null {
  const match = /^WECHATPAY2-SHA256-RSA2048 (.+)$/.exec(header ?? '')
  if (!match) return null
  const parts = Object.fromEntries([...match[1]!.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]))
  const required = ['mchid', 'nonce_str', 'signature', 'timestamp', 'serial_no']
  return required.every((name) => parts[name]) ? parts : null
}

/** Checks a merchant's request signature over "METHOD\nurl\nts\nnonce\nbody\n", as WeChat does. */
export function merchantSignatureValid(
  parts: Record<string, string>,
  request: { method: string; url: string; body: string },
  merchantPublicKey: KeyObject,
): boolean {
  const message = `${request.method}\n${request.url}\n${parts.timestamp}\n${parts.nonce_str}\n${request.body}\n`
  try {
    return createVerify('RSA-SHA256')
      .update(message, 'utf8')
      .verify(merchantPublicKey, Buffer.from(parts.signature!, 'base64'))
  } catch {
    return false
  }
}
