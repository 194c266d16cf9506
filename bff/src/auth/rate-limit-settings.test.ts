import { describe, expect, it } from 'vitest'
import { defaultRateLimits, rateLimitsFromJson } from './rate-limit-settings'

describe('RATE_LIMITS configuration', () => {
  it('unset keeps the defaults; each action given overrides only what it names', () => {
    expect(rateLimitsFromJson(undefined)).toEqual(defaultRateLimits)
    const limits = rateLimitsFromJson('{"memberLogin":{"perClient":100},"redeem":{"perAccount":3,"windowSeconds":300}}')
    expect(limits.memberLogin).toEqual({ ...defaultRateLimits.memberLogin, perClient: 100 })
    expect(limits.redeem).toEqual({ perClient: defaultRateLimits.redeem.perClient, perAccount: 3, windowSeconds: 300 })
    expect(limits.join).toEqual(defaultRateLimits.join)
  })

  it('refuses anything else with a readable reason', () => {
    expect(() => rateLimitsFromJson('not json')).toThrow('RATE_LIMITS: must be JSON')
    expect(() => rateLimitsFromJson('{"login":{"perClient":1}}')).toThrow(/RATE_LIMITS/)
    expect(() => rateLimitsFromJson('{"join":{"perClient":0}}')).toThrow(/join\.perClient/)
    expect(() => rateLimitsFromJson('{"join":{"perMinute":5}}')).toThrow(/RATE_LIMITS/)
  })
})
