import { AppError } from '@mc/shared'
import { randomUUID } from 'node:crypto'
import type { RawNotice, TextNotice, TradeReport } from '../payment-provider'
import type { PlatformKeys } from './platform-keys'
import { decryptResource, encryptResource, type EncryptedResource } from './resource-cipher'
import { beijingTime, type PrivateKeyInput } from './rsa-signature'
import { isCnyTransaction, tradeReportFrom, type WechatTransaction } from './transaction'
import { wechatpaySignatureHeaders, wechatpaySignatureProblem } from './wechatpay-signature'

/** The JSON body of a WeChat Pay notice (支付通知). */
export interface WechatNoticeBody {
  id: string
  create_time: string
  resource_type: 'encrypt-resource'
  event_type: string
  summary: string
  resource: EncryptedResource
}

/** What opening a notice needs: the platform keys by serial and the APIv3 key. */
export interface NoticeKeys {
  platformKeys: PlatformKeys
  apiV3Key: string
}

const invalid = (reason: string) => new AppError('PAYMENT_NOTICE_INVALID', { reason })

/**
 * Verifies, decrypts and reads a notice. The signature is checked over the raw body before it is parsed, so
 * nothing in an unproven body is ever looked at. Every failure, including ones we did not foresee, becomes
 * PAYMENT_NOTICE_INVALID: the notice route must answer WeChat with a failure, never crash.
 */
export function openNotice(notice: RawNotice, keys: NoticeKeys, now: Date): TradeReport {
  try {
    const body = typeof notice.body === 'string' ? notice.body : exactText(notice.body)
    const problem = wechatpaySignatureProblem(notice.headers, body, keys.platformKeys, now)
    if (problem) throw invalid(problem)
    const envelope = parseJson(body, 'malformed notice body') as Partial<WechatNoticeBody>
    if (typeof envelope?.resource !== 'object' || envelope.resource === null) throw invalid('missing resource')
    let plaintext: string
    try {
      plaintext = decryptResource(envelope.resource, keys.apiV3Key)
    } catch {
      throw invalid('cannot decrypt resource')
    }
    const transaction = parseJson(plaintext, 'malformed transaction')
    // Our prices are in fen of yuan; a notice in another currency cannot settle an order, whatever its total.
    if (!isCnyTransaction(transaction)) throw invalid('currency not CNY')
    const report = tradeReportFrom(transaction)
    if (!report) throw invalid('malformed transaction')
    return report
  } catch (error) {
    if (error instanceof AppError && error.code === 'PAYMENT_NOTICE_INVALID') throw error
    throw invalid('unreadable notice')
  }
}

/**
 * The raw bytes as text without changing a single one: a byte-order mark is kept (so a body WeChat never signed
 * with one fails the signature) and invalid UTF-8 is refused rather than replaced. Decoding this way is one-to-one,
 * so checking the signature over this text is checking it over the bytes.
 */
function exactText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)
  } catch {
    throw invalid('body is not UTF-8')
  }
}

function parseJson(text: string, reason: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    throw invalid(reason)
  }
}

/** How to play WeChat when building a notice: its platform key and serial, the APIv3 key and the clock. */
export interface NoticeSigner {
  platformPrivateKey: PrivateKeyInput
  serial: string
  apiV3Key: string
  now: Date
  /** TRANSACTION.SUCCESS unless a test wants another event. */
  eventType?: string
}

/** A notice exactly as WeChat would post it: encrypted transaction, signed raw body, Wechatpay-* headers. */
export function buildNotice(transaction: WechatTransaction, signer: NoticeSigner): TextNotice {
  const envelope: WechatNoticeBody = {
    id: randomUUID(),
    create_time: beijingTime(signer.now),
    resource_type: 'encrypt-resource',
    event_type: signer.eventType ?? 'TRANSACTION.SUCCESS',
    summary: '支付成功',
    resource: encryptResource(JSON.stringify(transaction), signer.apiV3Key, 'transaction', 'transaction'),
  }
  const body = JSON.stringify(envelope)
  const headers = { 'Content-Type': 'application/json', ...wechatpaySignatureHeaders(body, signer) }
  return { headers, body }
}
