import { describe, expect, it } from 'vitest'
import { parseEnv, publishedDemoSecrets } from './env'

describe('configuration from the environment', () => {
  it('has defaults for the embedded demo', () => {
    const parsed = parseEnv({})
    expect(parsed).toEqual({
      env: expect.objectContaining({ PORT: 8787, DATABASE_URL: './data/member-center.db', LOCAL_LOGIN_ENABLED: false }),
    })
  })

  it.each([
    [{ PORT: 'eighty' }, /^PORT: .*\(got "eighty"\)$/],
    [{ PORT: '70000' }, /^PORT: /],
    [{ LOCAL_LOGIN_ENABLED: 'yes' }, /^LOCAL_LOGIN_ENABLED: /],
    [{ WECHAT_APP_ID: 'wx0123456789abcdef' }, /^WECHAT_APP_SECRET: WECHAT_APP_ID and WECHAT_APP_SECRET go together$/],
    [
      { WECHAT_APP_ID: 'not-an-app-id', WECHAT_APP_SECRET: '0123456789abcdef0123456789abcdef' },
      /^WECHAT_APP_ID: must look like/,
    ],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL: /],
    [{ SMS_PROVIDER: 'tencent' }, /^SMS_PROVIDER: /],
    [{ SMS_PROVIDER: 'aliyun' }, /^SMS_PROVIDER: aliyun needs ALIYUN_SMS_ACCESS_KEY_ID/],
    [
      { ALIYUN_SMS_ACCESS_KEY_ID: 'LTAI5tAbCdEf0123' },
      /^ALIYUN_SMS_ACCESS_KEY_SECRET: ALIYUN_SMS_ACCESS_KEY_ID and ALIYUN_SMS_ACCESS_KEY_SECRET go together$/,
    ],
    [
      { ALIYUN_SMS_ACCESS_KEY_ID: 'bad id!', ALIYUN_SMS_ACCESS_KEY_SECRET: 'x'.repeat(30) },
      /^ALIYUN_SMS_ACCESS_KEY_ID: /,
    ],
    [{ ALIYUN_SMS_ENDPOINT: 'not a url' }, /^ALIYUN_SMS_ENDPOINT: /],
    [{ SMS_INBOUND_TOKEN: 'short' }, /^SMS_INBOUND_TOKEN: must be at least 16 characters$/],
  ])('names the bad variable in %j', (source, message) => {
    const parsed = parseEnv(source)
    expect('problems' in parsed && parsed.problems.some((p) => message.test(p))).toBe(true)
  })

  it('never echoes a secret back in the message', () => {
    const parsed = parseEnv({ WECHAT_APP_ID: 'wx0123456789abcdef', WECHAT_APP_SECRET: 'short-secret-value' })
    expect('problems' in parsed && parsed.problems.join('\n')).not.toContain('short-secret-value')
    const sms = parseEnv({ ALIYUN_SMS_ACCESS_KEY_ID: 'LTAI5tAbCdEf0123', ALIYUN_SMS_ACCESS_KEY_SECRET: 'short-sms' })
    expect('problems' in sms && sms.problems.join('\n')).not.toContain('short-sms')
  })

  const aliyunKeys = { ALIYUN_SMS_ACCESS_KEY_ID: 'LTAI5tAbCdEf0123', ALIYUN_SMS_ACCESS_KEY_SECRET: 'x'.repeat(30) }
  it.each([
    ['nothing set (production)', {}, 'off'],
    ['the local login on (npm start, demos)', { LOCAL_LOGIN_ENABLED: 'true' }, 'local'],
    ['an Alibaba Cloud AccessKey given', aliyunKeys, 'aliyun'],
    ['an AccessKey given and the local login on', { ...aliyunKeys, LOCAL_LOGIN_ENABLED: 'true' }, 'aliyun'],
    ['SMS_PROVIDER=off with the local login on', { SMS_PROVIDER: 'off', LOCAL_LOGIN_ENABLED: 'true' }, 'off'],
    ['SMS_PROVIDER=local in production', { SMS_PROVIDER: 'local' }, 'local'],
  ])('sends SMS through the provider the settings imply: %s', (_, source, provider) => {
    const parsed = parseEnv(source)
    expect(parsed).toEqual({ env: expect.objectContaining({ SMS_PROVIDER: provider }) })
  })

  it('has the Alibaba Cloud SMS endpoint by default and no inbound SMS token', () => {
    const parsed = parseEnv({})
    expect(parsed).toEqual({
      env: expect.objectContaining({ ALIYUN_SMS_ENDPOINT: 'https://dysmsapi.aliyuncs.com' }),
    })
    expect('env' in parsed && parsed.env.SMS_INBOUND_TOKEN).toBeUndefined()
  })

  const problemsOf = (source: Record<string, string>) => {
    const parsed = parseEnv(source)
    return 'problems' in parsed ? parsed.problems : []
  }

  const wechatApp = { WECHAT_APP_ID: 'wx0123456789abcdef', WECHAT_APP_SECRET: '0123456789abcdef0123456789abcdef' }
  it.each([
    ['NODE_ENV=production', { NODE_ENV: 'production' }, 'NODE_ENV=production'],
    ['a configured WeChat app id', wechatApp, 'WECHAT_APP_ID is set'],
  ])('refuses every demo switch in production (%s), saying why', (_, production, why) => {
    for (const name of ['LOCAL_LOGIN_ENABLED', 'LOCAL_PAYMENT_ENABLED', 'SEED_DEMO']) {
      const problems = problemsOf({ ...production, [name]: 'true' })
      expect(problems).toEqual([expect.stringMatching(new RegExp(`^${name}: must be off in production \\(${why}\\)`))])
    }
    expect(parseEnv({ ...production, LOCAL_LOGIN_ENABLED: 'false', SEED_DEMO: '0' })).toHaveProperty('env')
  })

  it('refuses the published demo secrets in production, in any variable, without repeating them', () => {
    for (const secret of publishedDemoSecrets) {
      for (const name of ['WEBHOOK_SECRET', 'QR_SCENE_SECRET', 'SMS_INBOUND_TOKEN']) {
        const problems = problemsOf({ NODE_ENV: 'production', [name]: secret })
        expect(problems, `${name}=${secret}`).toContainEqual(
          expect.stringMatching(new RegExp(`^${name}: is a published demo`)),
        )
        expect(problems.join('\n')).not.toContain(secret)
      }
    }
    expect(parseEnv({ NODE_ENV: 'production', WEBHOOK_SECRET: 'whsec_3f9a0c1d2e4b5a6c7d8e9f00' })).toHaveProperty('env')
  })

  it('keeps the demo switches and demo secrets allowed outside production (npm start)', () => {
    const demo = {
      NODE_ENV: 'development',
      LOCAL_LOGIN_ENABLED: 'true',
      LOCAL_PAYMENT_ENABLED: 'true',
      SEED_DEMO: 'true',
      WEBHOOK_SECRET: 'whsec_demo_change_me_0000',
    }
    expect(parseEnv(demo)).toHaveProperty('env')
  })

  it('never echoes the value of a token, key, secret or URL setting, only of plain switches and numbers', () => {
    const hostile = 'tok3n-value-that-is-wrong!'
    const names = [
      'DATABASE_URL',
      'WECHAT_APP_SECRET',
      'WECHAT_API_BASE',
      'PUBLIC_BASE_URL',
      'WEBHOOK_SECRET',
      'QR_SCENE_SECRET',
      'WECHAT_PAY_MCHID',
      'WECHAT_PAY_SERIAL_NO',
      'WECHAT_PAY_API_V3_KEY',
      'WECHAT_PAY_NOTIFY_URL',
      'WECHAT_PAY_PLATFORM_KEY_SERIAL',
      'WECHAT_PAY_API_BASE',
      'ALIYUN_SMS_ACCESS_KEY_ID',
      'ALIYUN_SMS_ENDPOINT',
      'ALIYUN_SMS_ACCESS_KEY_SECRET',
      'SMS_INBOUND_TOKEN',
      'WECHAT_APP_ID',
      'UPLOADS_DIR',
    ]
    for (const name of names) {
      const value = name.endsWith('_URL') || name.endsWith('_BASE') ? `https://user:${hostile}@` : hostile.repeat(3)
      const problems = problemsOf({ NODE_ENV: 'production', [name]: value })
      expect(problems.join('\n'), name).not.toContain(hostile)
    }
    // A database URL carries its password; even a valid one refused for another reason is not repeated.
    const url = `postgres://app:${hostile}@db/mc`
    expect(problemsOf({ DATABASE_URL: url, PORT: 'x' }).join('\n')).not.toContain(hostile)
    expect(problemsOf({ PORT: 'x' })).toEqual([expect.stringContaining('(got "x")')])
  })
})
