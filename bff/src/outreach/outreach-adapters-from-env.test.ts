import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Env, parseEnv } from '../env'
import { startFakeAliyunSms } from '../test/fake-aliyun-sms-server'
import { startFakeWechatApi } from '../test/fake-wechat-api-server'
import { useTestApp } from '../test/test-app'
import { outreachAdaptersFromEnv } from './outreach-adapters-from-env'

const wechatApp = { appId: 'wx0123456789abcdef', appSecret: '0123456789abcdef0123456789abcdef' }
const smsKeys = { accessKeyId: 'LTAI5tAbCdEf0123', accessKeySecret: 'x'.repeat(30) }
const envOf = (source: Record<string, string>): Env => {
  const parsed = parseEnv(source)
  if (!('env' in parsed)) throw new Error(parsed.problems.join('\n'))
  return parsed.env
}
const sms = { phone: '13812345678', signName: '会员中心', templateCode: 'SMS_1', params: {}, outId: 'obx_1' }
const subscribe = { openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o', templateId: 'TPL', page: null, data: { thing1: '你好' } }

describe('the push channels the server builds from its settings', () => {
  const t = useTestApp({}, { verifyLedgers: false })
  let wechat: Awaited<ReturnType<typeof startFakeWechatApi>>
  let aliyun: Awaited<ReturnType<typeof startFakeAliyunSms>>
  beforeAll(async () => {
    wechat = await startFakeWechatApi(wechatApp)
    aliyun = await startFakeAliyunSms({ ...smsKeys, now: () => t.clock.now() })
  })
  afterAll(async () => {
    await wechat.close()
    await aliyun.close()
  })
  const build = (source: Record<string, string>) =>
    outreachAdaptersFromEnv(envOf(source), { db: t.db, clock: t.clock, logger: pino({ level: 'silent' }) })

  it('has neither channel in production without credentials', () => {
    expect(build({})).toEqual({ wechat: null, sms: null })
  })

  it('logs instead of sending under npm start (local login on)', async () => {
    const adapters = build({ LOCAL_LOGIN_ENABLED: 'true' })
    expect(await adapters.sms!.send(sms)).toEqual({ ok: true, providerId: 'local-sms-1' })
    expect(await adapters.wechat!.send(subscribe)).toEqual({ ok: true, providerId: 'local-wechat-1' })
  })

  // A WeChat app id makes the settings production ones, where the local login is refused (env.test.ts).
  it('talks to WeChat and Alibaba Cloud when their credentials are set', async () => {
    const adapters = build({
      WECHAT_APP_ID: wechatApp.appId,
      WECHAT_APP_SECRET: wechatApp.appSecret,
      WECHAT_API_BASE: wechat.baseUrl,
      ALIYUN_SMS_ACCESS_KEY_ID: smsKeys.accessKeyId,
      ALIYUN_SMS_ACCESS_KEY_SECRET: smsKeys.accessKeySecret,
      ALIYUN_SMS_ENDPOINT: aliyun.endpoint,
    })
    expect(await adapters.sms!.send(sms)).toMatchObject({ ok: true })
    expect(aliyun.messages).toHaveLength(1)
    expect(await adapters.wechat!.send(subscribe)).toMatchObject({ ok: true })
    expect(wechat.sendRequests.at(-1)!.body).toMatchObject({ touser: subscribe.openid, miniprogram_state: 'formal' })
  })

  it('sends no SMS when told off, whatever else is set', () => {
    expect(build({ SMS_PROVIDER: 'off', LOCAL_LOGIN_ENABLED: 'true' }).sms).toBeNull()
  })
})
