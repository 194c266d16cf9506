import { describe, expect, it, vi } from 'vitest'
import { jsonResponse } from '../../test/fixtures'
import { ApiError, call, networkErrorMessage } from './client'
import { onSessionExpired, readSession, saveSession } from './session'
import { stubFetch } from '../../test/fetch-stub'

const fetchMock = stubFetch()

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(ApiError)
  return error as ApiError
}

const headersOf = (i: number) => new Headers(fetchMock.mock.calls[i][1]?.headers)
const loadMe = () => call((api) => api.me.$get())

describe('call', () => {
  it('sends JSON with the stored bearer token and returns the parsed body', async () => {
    saveSession({ token: 'tok_1', expiresAt: '2099-01-01T00:00:00.000Z' })
    fetchMock.mockResolvedValue(jsonResponse(200, { joinedNow: true }))

    await expect(call((api) => api.members.join.$post({ json: { scene: 'o1' } }))).resolves.toEqual({ joinedNow: true })
    const [url, init] = fetchMock.mock.calls[0]
    expect(url).toBe('/api/members/join')
    expect(init?.method).toBe('POST')
    expect(init?.body).toBe('{"scene":"o1"}')
    expect(headersOf(0).get('Authorization')).toBe('Bearer tok_1')
    expect(headersOf(0).get('Content-Type')).toBe('application/json')
    expect(headersOf(0).get('Accept')).toBe('application/json')
  })

  it('fills path parameters (encoded) and the query from the typed arguments', async () => {
    fetchMock.mockImplementation(async () => jsonResponse(200, {}))
    await call((api) => api.outlets.scene[':scene'].$get({ param: { scene: 'a/b' } }))
    await call((api) => api.me.coupons.$get({ query: { status: 'available', limit: '50' } }))
    expect(fetchMock.mock.calls.map((c) => c[0])).toEqual([
      '/api/outlets/scene/a%2Fb',
      '/api/me/coupons?status=available&limit=50',
    ])
  })

  it('sends no Authorization header without a live session', async () => {
    saveSession({ token: 'tok_old', expiresAt: '2000-01-01T00:00:00.000Z' })
    fetchMock.mockResolvedValue(jsonResponse(200, {}))
    await loadMe()
    expect(headersOf(0).has('Authorization')).toBe(false)
  })

  it('uses a per-call token over the session and sends extra headers, which never override Authorization', async () => {
    saveSession({ token: 'tok_member', expiresAt: '2099-01-01T00:00:00.000Z' })
    fetchMock.mockResolvedValue(jsonResponse(200, { loggedOut: true }))
    await call((api) => api.staff.logout.$post(), {
      token: 'mcst_1',
      headers: { Authorization: 'Bearer forged', 'X-Trace': 't1' },
    })
    expect(headersOf(0).get('Authorization')).toBe('Bearer mcst_1')
    expect(headersOf(0).get('X-Trace')).toBe('t1')
  })

  it.each([
    [403, 'LOCAL_LOGIN_DISABLED', '本地登录未开启'],
    [404, 'OUTLET_NOT_FOUND', '门店不存在'],
    [403, 'MEMBER_NOT_JOINED', '请先开通会员'],
    [400, 'INVALID_REQUEST', '请求参数有误'],
  ])('maps a %i %s error body to ApiError', async (status, code, message) => {
    fetchMock.mockResolvedValue(jsonResponse(status, { error: { code, message } }))
    const error = await failure(call((api) => api.auth.local.$post({ json: { phone: '13800000000' } })))
    expect({ status: error.status, code: error.code, message: error.message }).toEqual({ status, code, message })
  })

  it('keeps the details of an error body', async () => {
    fetchMock.mockResolvedValue(
      jsonResponse(409, { error: { code: 'PICKUP_CODE_USED', message: '已核销', details: { pickedUpAt: 'x' } } }),
    )
    expect((await failure(loadMe())).details).toEqual({ pickedUpAt: 'x' })
  })

  it('maps a non-JSON error answer to INTERNAL with a generic message', async () => {
    fetchMock.mockResolvedValue(new Response('<html>Bad Gateway</html>', { status: 502 }))
    const error = await failure(loadMe())
    expect(error).toMatchObject({ status: 502, code: 'INTERNAL', message: '服务器开小差了，请稍后再试' })
  })

  it('refuses a 2xx answer that is not JSON', async () => {
    fetchMock.mockResolvedValue(new Response('<!DOCTYPE html>', { status: 200 }))
    expect((await failure(loadMe())).code).toBe('INTERNAL')
  })

  it('maps a failed fetch to NETWORK', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'))
    const error = await failure(loadMe())
    expect(error).toMatchObject({ status: 0, code: 'NETWORK', message: networkErrorMessage })
  })

  it('gives up after 15 s', async () => {
    fetchMock.mockResolvedValue(jsonResponse(200, {}))
    await loadMe()
    expect(fetchMock.mock.calls[0][1]?.signal).toBeInstanceOf(AbortSignal)
  })

  it('forgets the session and notifies listeners, with the failure, on 401', async () => {
    saveSession({ token: 'tok_1', expiresAt: '2099-01-01T00:00:00.000Z' })
    const expired = vi.fn()
    const stop = onSessionExpired(expired)
    fetchMock.mockResolvedValue(
      jsonResponse(401, { error: { code: 'SESSION_EXPIRED', message: '登录已过期，请重新登录' } }),
    )

    expect((await failure(loadMe())).code).toBe('SESSION_EXPIRED')
    expect(readSession()).toBeNull()
    expect(expired).toHaveBeenCalledWith({ code: 'SESSION_EXPIRED', message: '登录已过期，请重新登录' })
    stop()
  })

  it('keeps the member session when a staff token is refused', async () => {
    saveSession({ token: 'tok_1', expiresAt: '2099-01-01T00:00:00.000Z' })
    fetchMock.mockResolvedValue(jsonResponse(401, { error: { code: 'UNAUTHENTICATED', message: '请先登录' } }))
    expect((await failure(call((api) => api.staff.logout.$post(), { token: 'mcst_1' }))).code).toBe('UNAUTHENTICATED')
    expect(readSession()?.token).toBe('tok_1')
  })
})
