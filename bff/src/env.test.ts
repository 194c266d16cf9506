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
  ])('names the bad variable in %j', (source, message) => {
    const parsed = parseEnv(source)
    expect('problems' in parsed && parsed.problems.some((p) => message.test(p))).toBe(true)
  })

  it('never echoes a secret back in the message', () => {
    const parsed = parseEnv({ WECHAT_APP_ID: 'wx0123456789abcdef', WECHAT_APP_SECRET: 'short-secret-value' })
    expect('problems' in parsed && parsed.problems.join('\n')).not.toContain('short-secret-value')
  })
})
