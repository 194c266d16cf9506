import Taro from '@tarojs/taro'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { jsonResponse } from '../../test/fixtures'
import { ApiError, apiRequest, networkErrorMessage } from './client'
import { onSessionExpired, readSession, saveSession } from './session'

const fetchMock = vi.fn<typeof fetch>()

beforeEach(() => {
  Taro.clearStorageSync()
  fetchMock.mockReset()
  vi.stubGlobal('fetch', fetchMock)
})
afterEach(() => vi.unstubAllGlobals())

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(() => null, (e: unknown) => e)
  expect(error).toBeInstanceOf(ApiError)
  return error as ApiError
}

describe('apiRequest', () => {
  it('sends JSON with the stored bearer token and returns the parsed body', async () => {
    saveSession({ token: 'tok_1', expiresAt: '2099-01-01T00:00:00.000Z' })
    fetchMock.mockResolvedValue(jsonResponse(200, { joinedNow: true }))

    await expect(apiRequest('POST', '/api/members/join', { outletId: 'o1' })).resolves.toEqual({ joinedNow: true })
    const [url, init] = fetchMock.mock.calls[0]
    expect(url).toBe('/api/members/join')
    expect(init?.method).toBe('POST')
    expect(init?.body).toBe('{"outletId":"o1"}')
    expect(init?.headers).toMatchObject({ Authorization: 'Bearer tok_1', 'Content-Type': 'application/json' })
  })

  it('sends no Authorization header without a live session', async () => {
    saveSession({ token: 'tok_old', expiresAt: '2000-01-01T00:00:00.000Z' })
    fetchMock.mockResolvedValue(jsonResponse(200, {}))
    await apiRequest('GET', '/api/me')
    expect(fetchMock.mock.calls[0][1]?.headers).not.toHaveProperty('Authorization')
  })

  it.each([
    [403, 'LOCAL_LOGIN_DISABLED', '本地登录未开启'],
    [404, 'OUTLET_NOT_FOUND', '门店不存在'],
    [403, 'MEMBER_NOT_JOINED', '请先开通会员'],
    [400, 'INVALID_REQUEST', '请求参数有误'],
  ])('maps a %i %s error body to ApiError', async (status, code, message) => {
    fetchMock.mockResolvedValue(jsonResponse(status, { error: { code, message } }))
    const error = await failure(apiRequest('POST', '/api/auth/local', { phone: '13800000000' }))
    expect({ status: error.status, code: error.code, message: error.message }).toEqual({ status, code, message })
  })

  it('maps a non-JSON error answer to INTERNAL with a generic message', async () => {
    fetchMock.mockResolvedValue(new Response('<html>Bad Gateway</html>', { status: 502 }))
    const error = await failure(apiRequest('GET', '/api/me'))
    expect(error).toMatchObject({ status: 502, code: 'INTERNAL', message: '服务器开小差了，请稍后再试' })
  })

  it('refuses a 2xx answer that is not JSON', async () => {
    fetchMock.mockResolvedValue(new Response('<!DOCTYPE html>', { status: 200 }))
    expect((await failure(apiRequest('GET', '/api/me'))).code).toBe('INTERNAL')
  })

  it('maps a failed fetch to NETWORK', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'))
    const error = await failure(apiRequest('GET', '/api/me'))
    expect(error).toMatchObject({ status: 0, code: 'NETWORK', message: networkErrorMessage })
  })

  it('forgets the session and notifies listeners on 401', async () => {
    saveSession({ token: 'tok_1', expiresAt: '2099-01-01T00:00:00.000Z' })
    const expired = vi.fn()
    const stop = onSessionExpired(expired)
    fetchMock.mockResolvedValue(jsonResponse(401, { error: { code: 'SESSION_EXPIRED', message: '登录已过期，请重新登录' } }))

    expect((await failure(apiRequest('GET', '/api/me'))).code).toBe('SESSION_EXPIRED')
    expect(readSession()).toBeNull()
    expect(expired).toHaveBeenCalledOnce()
    stop()
  })
})
