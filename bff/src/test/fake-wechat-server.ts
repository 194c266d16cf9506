import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A local HTTP server that answers `GET /sns/jscode2session` the way WeChat does: it checks the app id and
 * secret, knows the codes it issued, and accepts each code once (errcode 40163 the second time).
 */
export async function startFakeWechat(app: { appId: string; appSecret: string }) {
  const issued = new Map<string, { openid: string; sessionKey: string }>()
  const used = new Set<string>()
  const requests: string[] = []
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    requests.push(url.pathname)
    res.setHeader('content-type', 'text/plain') // WeChat really answers JSON as text/plain
    const q = url.searchParams
    const answer = (body: object) => res.end(JSON.stringify(body))
    if (url.pathname !== '/sns/jscode2session' || q.get('grant_type') !== 'authorization_code') {
      return answer({ errcode: 40013, errmsg: 'invalid request' })
    }
    if (q.get('appid') !== app.appId) return answer({ errcode: 40013, errmsg: 'invalid appid' })
    if (q.get('secret') !== app.appSecret) return answer({ errcode: 40125, errmsg: 'invalid appsecret' })
    const code = q.get('js_code') ?? ''
    if (used.has(code)) return answer({ errcode: 40163, errmsg: 'code been used' })
    const identity = issued.get(code)
    if (!identity) return answer({ errcode: 40029, errmsg: 'invalid code' })
    used.add(code)
    answer({ openid: identity.openid, session_key: identity.sessionKey })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    /** What wx.login would hand the mini-program for this user. */
    issueCode(code: string, openid: string, sessionKey: string) {
      issued.set(code, { openid, sessionKey })
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
