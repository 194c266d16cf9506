import { createPublicKey, randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { TextNotice } from '../mall/payment-provider'
import type { WechatTransaction } from '../mall/wechat-pay/transaction'
import {
  merchantAuthorization,
  merchantSignatureValid,
  wechatNotice,
  wechatSignatureHeaders,
  wechatTime as beijingTime,
} from './wechat-pay-kit'

/** WeChat refuses requests signed more than five minutes from its clock. */
const toleranceSeconds = 300

/** Who the fake plays against: the merchant it knows and the platform identity it signs with. */
export interface FakeWechatPayOptions {
  mchid: string
  appid: string
  merchantPublicKeyPem: string
  merchantSerialNo: string
  platformPrivateKeyPem: string
  platformSerial: string
  apiV3Key: string
}

/** One request as the fake received it; `url` is the path with its query. */
export interface RecordedRequest {
  method: string
  url: string
  authorization: string | undefined
  body: string
}

/** How the fake signs its answers: properly, with a signature over other bytes, or not at all. */
export type ResponseSigning = 'valid' | 'bad' | 'none'

interface FakeOrder {
  transaction: WechatTransaction
  prepayId: string
  description: string
}

type Answer = [status: number, body?: object]

const wechatError = (status: number, code: string, message: string): Answer => [status, { code, message }]

/**
 * A local HTTP server that plays WeChat Pay API v3 for the four calls the adapter makes. It checks every
 * Authorization header against the merchant's public key, keeps orders in memory and signs every answer with
 * the platform key, so the adapter's signing and verification are exercised for real. Its signing, verifying and
 * sealing come from wechat-pay-kit.ts (node:crypto from WeChat's documentation), never from the adapter's own code.
 */
export async function startFakeWechatPay(options: FakeWechatPayOptions) {
  const merchantKey = createPublicKey(options.merchantPublicKeyPem)
  const orders = new Map<string, FakeOrder>()
  const requests: RecordedRequest[] = []
  let signing: ResponseSigning = 'valid'

  function authorized(req: IncomingMessage, body: string): boolean {
    const auth = merchantAuthorization(req.headers.authorization)
    if (!auth || auth.mchid !== options.mchid || auth.serial_no !== options.merchantSerialNo) return false
    if (Math.abs(Date.now() / 1000 - Number(auth.timestamp)) > toleranceSeconds) return false
    return merchantSignatureValid(auth, { method: req.method ?? '', url: req.url ?? '', body }, merchantKey)
  }

  function createJsapi(input: Record<string, any>): Answer {
    if (input.mchid !== options.mchid || input.appid !== options.appid)
      return wechatError(400, 'APPID_MCHID_NOT_MATCH', 'appid和mch_id不匹配')
    const total = input.amount?.total
    if (
      !Number.isSafeInteger(total) ||
      total <= 0 ||
      !input.payer?.openid ||
      !input.out_trade_no ||
      !input.description ||
      !input.notify_url ||
      !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/.test(input.time_expire ?? '')
    ) {
      return wechatError(400, 'PARAM_ERROR', '参数错误')
    }
    const existing = orders.get(input.out_trade_no)
    if (existing) {
      if (existing.transaction.trade_state === 'SUCCESS') return wechatError(400, 'ORDERPAID', '该订单已支付')
      if (existing.transaction.trade_state === 'CLOSED') return wechatError(400, 'ORDER_CLOSED', '订单已关闭')
      if (existing.transaction.amount?.total !== total) return wechatError(400, 'INVALID_REQUEST', '201 商户订单号重复')
      return [200, { prepay_id: existing.prepayId }]
    }
    const prepayId = `wx${Date.now()}${randomBytes(8).toString('hex')}`
    orders.set(input.out_trade_no, {
      prepayId,
      description: input.description,
      transaction: {
        appid: options.appid,
        mchid: options.mchid,
        out_trade_no: input.out_trade_no,
        trade_type: 'JSAPI',
        trade_state: 'NOTPAY',
        trade_state_desc: '订单未支付',
        payer: { openid: input.payer.openid },
        amount: { total, payer_total: total, currency: 'CNY', payer_currency: 'CNY' },
      },
    })
    return [200, { prepay_id: prepayId }]
  }

  function refund(input: Record<string, any>): Answer {
    const order = orders.get(input.out_trade_no)
    if (!order) return wechatError(404, 'RESOURCE_NOT_EXISTS', '订单不存在')
    const { trade_state: state, amount } = order.transaction
    if (state !== 'SUCCESS' && state !== 'REFUND') return wechatError(400, 'INVALID_REQUEST', '订单未支付')
    if (
      input.amount?.total !== amount?.total ||
      !(input.amount?.refund > 0) ||
      input.amount.refund > input.amount.total
    ) {
      return wechatError(400, 'PARAM_ERROR', '退款金额有误')
    }
    order.transaction.trade_state = 'REFUND'
    order.transaction.trade_state_desc = '转入退款'
    return [
      200,
      {
        refund_id: `50000${Date.now()}${randomBytes(4).toString('hex')}`,
        out_refund_no: input.out_refund_no,
        transaction_id: order.transaction.transaction_id,
        out_trade_no: input.out_trade_no,
        channel: 'ORIGINAL',
        status: 'PROCESSING',
        create_time: beijingTime(new Date()),
        amount: { refund: input.amount.refund, total: input.amount.total, currency: 'CNY' },
      },
    ]
  }

  function route(method: string, url: URL, input: Record<string, any>): Answer {
    const byNo = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)(\/close)?$/.exec(url.pathname)
    if (method === 'POST' && url.pathname === '/v3/pay/transactions/jsapi') return createJsapi(input)
    if (method === 'POST' && url.pathname === '/v3/refund/domestic/refunds') return refund(input)
    if (!byNo) return wechatError(404, 'NOT_FOUND', '接口不存在')
    const order = orders.get(decodeURIComponent(byNo[1]!))
    const mchid = byNo[2] ? input.mchid : url.searchParams.get('mchid')
    if (mchid !== options.mchid) return wechatError(400, 'PARAM_ERROR', 'mchid不正确')
    if (!order) return wechatError(404, 'ORDER_NOT_EXIST', '订单不存在')
    if (method === 'GET' && !byNo[2]) return [200, order.transaction]
    if (method !== 'POST' || !byNo[2]) return wechatError(404, 'NOT_FOUND', '接口不存在')
    if (order.transaction.trade_state === 'SUCCESS' || order.transaction.trade_state === 'REFUND')
      return wechatError(400, 'ORDERPAID', '订单已支付')
    order.transaction.trade_state = 'CLOSED'
    order.transaction.trade_state_desc = '订单已关闭'
    return [204]
  }

  function send(res: ServerResponse, [status, body]: Answer) {
    const text = body === undefined ? '' : JSON.stringify(body)
    const signer = {
      platformPrivateKey: options.platformPrivateKeyPem,
      serial: options.platformSerial,
      now: new Date(),
    }
    const headers = signing === 'none' ? {} : wechatSignatureHeaders(signing === 'bad' ? `${text} ` : text, signer)
    res.writeHead(status, {
      ...(text ? { 'Content-Type': 'application/json' } : {}),
      'Request-ID': randomBytes(8).toString('hex'),
      ...headers,
    })
    res.end(text)
  }

  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const body = Buffer.concat(chunks).toString('utf8')
    requests.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, body })
    if (!authorized(req, body)) return send(res, wechatError(401, 'SIGN_ERROR', '签名错误'))
    let input: Record<string, any> = {}
    try {
      if (body) input = JSON.parse(body)
    } catch {
      return send(res, wechatError(400, 'PARAM_ERROR', '请求体不是JSON'))
    }
    send(res, route(req.method ?? '', new URL(req.url ?? '/', 'http://localhost'), input))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    /** Tests switch this to check that the adapter refuses answers it cannot verify. */
    setResponseSigning(mode: ResponseSigning) {
      signing = mode
    },
    /** The shopper pays: the order becomes SUCCESS and the notice WeChat would post is returned. */
    markPaid(outTradeNo: string, now = new Date()): TextNotice {
      const order = orders.get(outTradeNo)
      if (!order) throw new Error(`fake WeChat Pay has no order ${outTradeNo}`)
      Object.assign(order.transaction, {
        trade_state: 'SUCCESS',
        trade_state_desc: '支付成功',
        bank_type: 'OTHERS',
        success_time: beijingTime(now),
        transaction_id: order.transaction.transaction_id ?? `4200000000${Date.now()}${randomBytes(3).toString('hex')}`,
      })
      return wechatNotice(order.transaction, {
        platformPrivateKey: options.platformPrivateKeyPem,
        serial: options.platformSerial,
        apiV3Key: options.apiV3Key,
        now,
      })
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** The running fake, as tests hold it. */
export type FakeWechatPay = Awaited<ReturnType<typeof startFakeWechatPay>>
