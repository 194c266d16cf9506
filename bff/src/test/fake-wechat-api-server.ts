import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/** The picture the fake draws for every mini-program code: a well-known 1×1 PNG, so a test can compare bytes. */
export const fakeWxacodePng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
)

/**
 * A local HTTP server that answers the server-side WeChat API the way WeChat does, written from WeChat's
 * documentation and not from our client:
 * - `GET /cgi-bin/token?grant_type=client_credential&appid=…&secret=…` → `{"access_token","expires_in":7200}`, or
 *   `{"errcode":40013|40125,"errmsg"}` for a wrong app id or secret;
 * - `POST /wxa/getwxacodeunlimit?access_token=…` with a JSON body `{scene, page, check_path, env_version}` → the
 *   image bytes, or `{"errcode":40001,…}` for an unknown token, `{"errcode":40169,…}` for a scene over 32
 *   characters, or whatever errcode the test asks for next;
 * - `POST /cgi-bin/message/subscribe/send?access_token=…` with a JSON body `{touser, template_id, page?, data:
 *   {keyword: {value}}, miniprogram_state?, lang?}` (subscribeMessage.send) → `{"errcode":0,"errmsg":"ok","msgid"}`,
 *   `{"errcode":40001}` for an unknown token, `{"errcode":40003}` for a touser that is no openid, `{"errcode":47003}`
 *   for data that is not keyword → {value: string}, or the errcodes the test queued with `failNextSends`.
 * - `POST /wxa/business/getuserphonenumber?access_token=…` with a JSON body `{"code"}` (phonenumber.getPhoneNumber)
 *   → `{"errcode":0,"errmsg":"ok","phone_info":{phoneNumber, purePhoneNumber, countryCode, watermark:{timestamp,
 *   appid}}}` for a code the test issued with `issuePhoneCode`, once; `{"errcode":40029,"errmsg":"invalid code"}`
 *   for any other or a second use; `{"errcode":40001}` for an unknown token.
 * Errors come back as HTTP 200 with a JSON body, as WeChat sends them.
 */
export async function startFakeWechatApi(app: { appId: string; appSecret: string }) {
  const validTokens = new Set<string>()
  let issued = 0
  const tokenRequests: { appid: string | null; grantType: string | null }[] = []
  const codeRequests: { accessToken: string | null; body: Record<string, unknown> }[] = []
  let nextError: { errcode: number; errmsg: string } | null = null
  const sendRequests: { accessToken: string | null; body: Record<string, unknown> }[] = []
  const queuedSendErrors: { errcode: number; errmsg: string }[] = []
  let messagesSent = 0
  const phoneCodes = new Map<string, object>()
  const phoneRequests: { accessToken: string | null; body: Record<string, unknown> }[] = []

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    const q = url.searchParams
    const json = (body: object) => {
      res.setHeader('content-type', 'application/json; encoding=utf-8')
      res.end(JSON.stringify(body))
    }
    if (req.method === 'GET' && url.pathname === '/cgi-bin/token') {
      tokenRequests.push({ appid: q.get('appid'), grantType: q.get('grant_type') })
      if (q.get('grant_type') !== 'client_credential') return json({ errcode: 40002, errmsg: 'invalid grant_type' })
      if (q.get('appid') !== app.appId) return json({ errcode: 40013, errmsg: 'invalid appid' })
      if (q.get('secret') !== app.appSecret) return json({ errcode: 40125, errmsg: 'invalid appsecret' })
      issued += 1
      const token = `FAKE_ACCESS_TOKEN_${issued}`
      validTokens.add(token)
      return json({ access_token: token, expires_in: 7200 })
    }
    if (req.method === 'POST' && url.pathname === '/cgi-bin/message/subscribe/send') {
      return readJson(req, (body) => {
        if (!body) return json({ errcode: 47001, errmsg: 'data format error' })
        const accessToken = q.get('access_token')
        sendRequests.push({ accessToken, body })
        if (!accessToken || !validTokens.has(accessToken)) {
          return json({ errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' })
        }
        if (typeof body.touser !== 'string' || !/^[A-Za-z0-9_-]{20,40}$/.test(body.touser)) {
          return json({ errcode: 40003, errmsg: 'invalid openid' })
        }
        if (typeof body.template_id !== 'string' || !isTemplateData(body.data)) {
          return json({ errcode: 47003, errmsg: 'argument invalid! data.value invalid' })
        }
        const queued = queuedSendErrors.shift()
        if (queued) return json(queued)
        messagesSent += 1
        return json({ errcode: 0, errmsg: 'ok', msgid: 3_000_000_000 + messagesSent })
      })
    }
    if (req.method === 'POST' && url.pathname === '/wxa/business/getuserphonenumber') {
      return readJson(req, (body) => {
        if (!body) return json({ errcode: 47001, errmsg: 'data format error' })
        const accessToken = q.get('access_token')
        phoneRequests.push({ accessToken, body })
        if (!accessToken || !validTokens.has(accessToken)) {
          return json({ errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' })
        }
        const phoneInfo = typeof body.code === 'string' ? phoneCodes.get(body.code) : undefined
        if (!phoneInfo) return json({ errcode: 40029, errmsg: 'invalid code' })
        phoneCodes.delete(body.code as string)
        return json({ errcode: 0, errmsg: 'ok', phone_info: phoneInfo })
      })
    }
    if (req.method === 'POST' && url.pathname === '/wxa/getwxacodeunlimit') {
      const chunks: Buffer[] = []
      req.on('data', (chunk: Buffer) => chunks.push(chunk))
      req.on('end', () => {
        let body: Record<string, unknown>
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
        } catch {
          return json({ errcode: 47001, errmsg: 'data format error' })
        }
        const accessToken = q.get('access_token')
        codeRequests.push({ accessToken, body })
        if (!accessToken || !validTokens.has(accessToken)) {
          return json({ errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' })
        }
        if (typeof body.scene !== 'string' || body.scene.length > 32) {
          return json({ errcode: 40169, errmsg: 'invalid length for scene, or the data is not json string' })
        }
        if (nextError) {
          const error = nextError
          nextError = null
          return json(error)
        }
        res.setHeader('content-type', 'image/png')
        res.end(fakeWxacodePng)
      })
      return
    }
    res.statusCode = 404
    res.end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    tokenRequests,
    codeRequests,
    /** Every subscribeMessage.send request as received, accepted or not. */
    sendRequests,
    /** Every getuserphonenumber request as received. */
    phoneRequests,
    /** What a getPhoneNumber button would hand the mini-program: a code WeChat answers `phoneInfo` for, once. */
    issuePhoneCode(code: string, phoneInfo: object) {
      phoneCodes.set(code, phoneInfo)
    },
    /** WeChat no longer accepts any token issued so far (as after another server fetched a new one). */
    revokeTokens() {
      validTokens.clear()
    },
    /** The next mini-program code request answers this error instead of an image. */
    failNext(errcode: number, errmsg: string) {
      nextError = { errcode, errmsg }
    },
    /** The next sends answer these errcodes, one each, in order (e.g. 43101: the member has no subscription left). */
    failNextSends(...errors: { errcode: number; errmsg: string }[]) {
      queuedSendErrors.push(...errors)
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** The request's JSON body, or null when it is not a JSON object. */
function readJson(req: IncomingMessage, then: (body: Record<string, unknown> | null) => void) {
  const chunks: Buffer[] = []
  req.on('data', (chunk: Buffer) => chunks.push(chunk))
  req.on('end', () => {
    try {
      const body: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'))
      then(typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : null)
    } catch {
      then(null)
    }
  })
}

/** A subscribe message's `data`: each template keyword (thing1, time2 …) maps to `{ value: string }`. */
function isTemplateData(data: unknown): boolean {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return false
  const entries = Object.entries(data)
  return (
    entries.length > 0 &&
    entries.every(
      ([key, field]) =>
        /^[a-z_]+\d+$/.test(key) &&
        typeof field === 'object' &&
        field !== null &&
        typeof (field as { value?: unknown }).value === 'string',
    )
  )
}
