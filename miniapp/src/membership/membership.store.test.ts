import Taro from '@tarojs/taro'
import { describe, expect, it } from 'vitest'
import { jsonResponse, loginFixture, meFixture } from '../../test/fixtures'
import { readSession } from '../api/session'
import { initialMembershipState, membershipSelectors, useMembershipStore } from './membership.store'
import { stubFetch } from '../../test/fetch-stub'

const fetchMock = stubFetch(() => useMembershipStore.setState(initialMembershipState()))
const store = () => useMembershipStore.getState()

function answer(status: number, body: unknown) {
  fetchMock.mockResolvedValueOnce(jsonResponse(status, body))
}

describe('membership events', () => {
  it('loggedIn stores the session and the profile', () => {
    store().loggedIn(loginFixture({ joinedAt: null }))
    expect(store().session).toEqual({ token: 'tok_abc', expiresAt: '2099-01-01T00:00:00.000Z' })
    expect(readSession()?.token).toBe('tok_abc')
    expect(membershipSelectors.isLoggedIn(store())).toBe(true)
    expect(membershipSelectors.needsJoin(store())).toBe(true)
  })

  it('loggedOut forgets everything, including the stored session', () => {
    store().loggedIn(loginFixture())
    store().meLoaded(meFixture(120))
    store().loggedOut()
    // Left by choice: the login that follows starts at home, not on the page this member left.
    expect(store()).toMatchObject({ session: null, member: null, me: null, error: null, leftByChoice: true })
    expect(readSession()).toBeNull()
    store().loggedIn(loginFixture())
    expect(store().leftByChoice).toBe(false)
  })

  it('starts logged in when a live session is stored', () => {
    store().loggedIn(loginFixture())
    useMembershipStore.setState(initialMembershipState())
    expect(membershipSelectors.isLoggedIn(store())).toBe(true)
  })
})

describe('membership selectors', () => {
  it.each([
    [0, '普通会员', '#8a8f99', '再得 500 成长值升级白银会员'],
    [620, '白银会员', '#7d8ea3', '再得 1,380 成长值升级黄金会员'],
    [2400, '黄金会员', '#c9a227', '您已是最高等级'],
  ])('growth %i reads as %s (%s): %s', (growth, tierName, color, sentence) => {
    store().meLoaded(meFixture(growth))
    expect(membershipSelectors.tierName(store())).toBe(tierName)
    expect(membershipSelectors.tierColor(store())).toBe(color)
    expect(membershipSelectors.progressSentence(store())).toBe(sentence)
  })

  it('reads nothing before /api/me has loaded', () => {
    expect(membershipSelectors.tierName(store())).toBeNull()
    expect(membershipSelectors.tierColor(store())).toBeNull()
    expect(membershipSelectors.progressSentence(store())).toBeNull()
  })
})

describe('membership thunks', () => {
  it('loginWithPhone posts the phone and logs in', async () => {
    answer(200, loginFixture())
    const response = await store().loginWithPhone('13800000000')
    expect(response?.token).toBe('tok_abc')
    expect(fetchMock.mock.calls[0][0]).toBe('/api/auth/local')
    expect(fetchMock.mock.calls[0][1]?.body).toBe('{"phone":"13800000000"}')
    expect(store()).toMatchObject({ pending: null, error: null, session: { token: 'tok_abc' } })
  })

  it('loginWithPhone records the BFF refusal and stays logged out', async () => {
    answer(403, { error: { code: 'LOCAL_LOGIN_DISABLED', message: '本地登录未开启' } })
    expect(await store().loginWithPhone('13800000000')).toBeNull()
    expect(store().error).toEqual({ code: 'LOCAL_LOGIN_DISABLED', message: '本地登录未开启' })
    expect(membershipSelectors.isLoggedIn(store())).toBe(false)
  })

  it('loginWithWechat exchanges the code from Taro.login', async () => {
    answer(200, loginFixture())
    await store().loginWithWechat()
    expect(Taro.login).toHaveBeenCalled()
    expect(fetchMock.mock.calls[0][0]).toBe('/api/auth/wechat')
    expect(fetchMock.mock.calls[0][1]?.body).toBe('{"code":"wx-code"}')
  })

  it('join sends the outlet and records the joined profile', async () => {
    store().loggedIn(loginFixture({ joinedAt: null }))
    answer(200, { member: loginFixture().member, joinedNow: true })
    await store().join('outlet_1')
    expect(fetchMock.mock.calls[0][1]?.body).toBe('{"scene":"outlet_1"}')
    expect(membershipSelectors.needsJoin(store())).toBe(false)
  })

  it('join reports OUTLET_NOT_FOUND', async () => {
    store().loggedIn(loginFixture({ joinedAt: null }))
    answer(404, { error: { code: 'OUTLET_NOT_FOUND', message: '门店不存在' } })
    expect(await store().join('nope')).toBeNull()
    expect(membershipSelectors.errorCode(store())).toBe('OUTLET_NOT_FOUND')
  })

  it('loadMe keeps the snapshot and marks MEMBER_NOT_JOINED as needing to join', async () => {
    store().loggedIn(loginFixture())
    answer(200, meFixture(100))
    await store().loadMe()
    expect(store().me?.growth).toBe(100)

    answer(403, { error: { code: 'MEMBER_NOT_JOINED', message: '请先开通会员' } })
    await store().loadMe()
    expect(membershipSelectors.needsJoin(store())).toBe(true)
  })

  it('loadMe with a rejected token logs the shopper out', async () => {
    store().loggedIn(loginFixture())
    answer(401, { error: { code: 'SESSION_EXPIRED', message: '登录已过期，请重新登录' } })
    await store().loadMe()
    expect(store().session).toBeNull()
    expect(membershipSelectors.errorMessage(store())).toBe('登录已过期，请重新登录')
  })

  it('logout forgets the session even when the BFF is unreachable', async () => {
    store().loggedIn(loginFixture())
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'))
    await store().logout()
    expect(fetchMock.mock.calls[0][0]).toBe('/api/auth/logout')
    expect(store().session).toBeNull()
    expect(readSession()).toBeNull()
  })
})
