import { describe, expect, it } from 'vitest'
import { parseEnv } from './env'

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
})
