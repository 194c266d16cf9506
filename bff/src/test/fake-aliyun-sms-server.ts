import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A local HTTP stand-in for Alibaba Cloud SMS (dysmsapi `SendSms`, version 2017-05-25), written from Alibaba's
 * documents and NOT from our client: it checks the RPC signature with its own code below (it must never import
 * our signer, or a shared mistake would pass), the Timestamp's freshness and that no SignatureNonce is used twice.
 * Parameters may come in the query (GET) or a form body (POST), as the RPC style allows. Answers are JSON:
 * `{Code:'OK', Message:'OK', BizId, RequestId}`, or `{Code, Message, RequestId}` with Alibaba's error codes.
 */
export async function startFakeAliyunSms(options: {
  accessKeyId: string
  accessKeySecret: string
  /** The fake's idea of now, for the Timestamp check; a test passes its TestClock. */
  now?: () => Date
}) {
  const now = options.now ?? (() => new Date())
  const usedNonces = new Set<string>()
  const messages: { phone: string; signName: string; templateCode: string; params: unknown; outId: string | null }[] =
    []
  const refusals: { code: string; params: Record<string, string> }[] = []
  const queuedCodes: string[] = []

  const server: Server = createServer(async (req, res) => {
    const params = await readParams(req)
    const answer = (status: number, body: Record<string, unknown>) => {
      const requestId = randomBytes(8).toString('hex').toUpperCase()
      if (body.Code !== 'OK') refusals.push({ code: String(body.Code), params })
      res.statusCode = status
      res.setHeader('content-type', 'application/json;charset=utf-8')
      res.end(JSON.stringify({ ...body, RequestId: requestId }))
    }
    const refusal = checkRequest(params, req.method === 'POST' ? 'POST' : 'GET', options, now(), usedNonces)
    if (refusal) return answer(refusal.status, { Code: refusal.code, Message: refusal.message })
    usedNonces.add(params.SignatureNonce ?? '')
    if (!/^1\d{10}$/.test(params.PhoneNumbers ?? '')) {
      return answer(200, { Code: 'isv.MOBILE_NUMBER_ILLEGAL', Message: '非法手机号' })
    }
    let templateParams: unknown
    try {
      templateParams = JSON.parse(params.TemplateParam ?? '{}')
    } catch {
      return answer(200, { Code: 'isv.INVALID_JSON_PARAM', Message: 'JSON参数不合法' })
    }
    const queued = queuedCodes.shift()
    if (queued) return answer(200, { Code: queued, Message: `fake answers ${queued}` })
    messages.push({
      phone: params.PhoneNumbers ?? '',
      signName: params.SignName ?? '',
      templateCode: params.TemplateCode ?? '',
      params: templateParams,
      outId: params.OutId ?? null,
    })
    return answer(200, { Code: 'OK', Message: 'OK', BizId: `${900_000 + messages.length}^0` })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    endpoint: `http://127.0.0.1:${port}`,
    /** Messages accepted, in order. */
    messages,
    /** Requests refused, with the code answered (signature, timestamp, nonce, or a queued error). */
    refusals,
    /** The next accepted-looking requests answer these codes instead, one each (e.g. isv.BUSINESS_LIMIT_CONTROL). */
    failNext(...codes: string[]) {
      queuedCodes.push(...codes)
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

type Refusal = { status: number; code: string; message: string }

/** The checks Alibaba makes before looking at the message, each answering the error code it documents. */
function checkRequest(
  params: Record<string, string>,
  method: 'GET' | 'POST',
  keys: { accessKeyId: string; accessKeySecret: string },
  now: Date,
  usedNonces: Set<string>,
): Refusal | null {
  for (const name of ['AccessKeyId', 'Signature', 'SignatureNonce', 'Timestamp', 'Action', 'Version']) {
    if (!params[name]) return { status: 400, code: `MissingParameter`, message: `${name} is mandatory` }
  }
  if (params.Action !== 'SendSms' || params.Version !== '2017-05-25') {
    return { status: 400, code: 'InvalidAction.NotFound', message: 'Specified api is not found' }
  }
  if (params.SignatureMethod !== 'HMAC-SHA1' || params.SignatureVersion !== '1.0') {
    return { status: 400, code: 'InvalidSignatureMethod', message: 'unsupported signature method' }
  }
  if (params.AccessKeyId !== keys.accessKeyId) {
    return { status: 404, code: 'InvalidAccessKeyId.NotFound', message: 'Specified access key is not found.' }
  }
  if (!signatureMatches(params, method, keys.accessKeySecret)) {
    return { status: 400, code: 'SignatureDoesNotMatch', message: 'Specified signature is not matched' }
  }
  const timestamp = params.Timestamp ?? ''
  const sentAt = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(timestamp) ? Date.parse(timestamp) : NaN
  if (Number.isNaN(sentAt) || Math.abs(now.getTime() - sentAt) > 15 * 60 * 1000) {
    return { status: 400, code: 'InvalidTimeStamp.Expired', message: 'Specified time stamp or date value is expired' }
  }
  if (usedNonces.has(params.SignatureNonce ?? '')) {
    return { status: 400, code: 'SignatureNonceUsed', message: 'Specified signature nonce was used already' }
  }
  return null
}

/** The fake's own reading of the signing rules: every byte outside RFC 3986's unreserved set becomes %XY. */
function rfc3986(text: string): string {
  let out = ''
  for (const byte of Buffer.from(text, 'utf8')) {
    const c = String.fromCharCode(byte)
    out += /[A-Za-z0-9\-_.~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
  }
  return out
}

function signatureMatches(params: Record<string, string>, method: string, secret: string): boolean {
  const names = Object.keys(params).filter((n) => n !== 'Signature')
  names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  const query = names.map((n) => `${rfc3986(n)}=${rfc3986(params[n] ?? '')}`).join('&')
  const expected = createHmac('sha1', `${secret}&`)
    .update(`${method}&${rfc3986('/')}&${rfc3986(query)}`)
    .digest()
  const given = Buffer.from(params.Signature ?? '', 'base64')
  return given.length === expected.length && timingSafeEqual(given, expected)
}

/** Query parameters merged with a form-encoded body's; values decoded. */
async function readParams(req: IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const url = new URL(req.url ?? '/', 'http://localhost')
  const merged = Object.fromEntries(url.searchParams)
  const body = Buffer.concat(chunks).toString('utf8')
  if (body) Object.assign(merged, Object.fromEntries(new URLSearchParams(body)))
  return merged
}
