import Taro from '@tarojs/taro'
import { describe, expect, it, vi } from 'vitest'
import { CreateApiKeyBody, rolePermissions, type OperatorView } from '@mc/shared'
import { ApiError } from '../api/client'
import { saveSession } from '../api/session'
import { routes } from '../routes'
import { jsonResponse } from '../../test/fixtures'
import { stubFetch } from '../../test/fetch-stub'
import { fieldErrors } from './components/field'
import { consoleCall } from './console-call'
import { readOperatorSession, saveOperatorSession } from './operator-session'
import { can, initialOperatorState, operatorSelectors, retryAfterText, useOperatorStore } from './operator.store'

const fetchMock = stubFetch(() => useOperatorStore.setState(initialOperatorState()))
const store = () => useOperatorStore.getState()
const headerOf = (call: number) => new Headers(fetchMock.mock.calls[call][1]?.headers).get('Authorization') ?? undefined
const bodyOf = (call: number) => JSON.parse(fetchMock.mock.calls[call][1]?.body as string)

function operator(overrides: Partial<OperatorView> = {}): OperatorView {
  return {
    id: 'opr_1',
    login: 'owner',
    name: '店主',
    role: 'owner',
    outletId: null,
    disabled: false,
    mustChangePassword: false,
    createdAt: '2026-12-01T00:00:00Z',
    lastLoginAt: null,
    ...overrides,
  }
}

function sessionAnswer(token: string, view: OperatorView = operator()) {
  return { token, expiresAt: '2099-01-01T00:00:00Z', operator: view, permissions: [...rolePermissions[view.role]] }
}

describe('operator store', () => {
  it('login keeps a console session of its own, apart from the member session', async () => {
    saveSession({ token: 'member_tok', expiresAt: '2099-01-01T00:00:00Z' })
    fetchMock.mockResolvedValueOnce(jsonResponse(200, sessionAnswer('mcop_abc')))

    expect(await store().login('owner', 'demo-owner-2026')).not.toBeNull()

    expect(headerOf(0)).toBeUndefined()
    expect(bodyOf(0)).toEqual({ login: 'owner', password: 'demo-owner-2026' })
    expect(operatorSelectors.isLoggedIn(store())).toBe(true)
    expect(store().operator?.name).toBe('店主')
    expect(can('operators.manage')).toBe(true)
    expect(Taro.getStorageSync('mc.session')).toMatchObject({ token: 'member_tok' })
    expect(readOperatorSession()?.token).toBe('mcop_abc')

    fetchMock.mockResolvedValueOnce(jsonResponse(200, { outlets: [] }))
    await consoleCall((api) => api.admin.outlets.$get())
    expect(headerOf(1)).toBe('Bearer mcop_abc')
  })

  it('an analyst holds only what the role matrix gives', async () => {
    fetchMock.mockResolvedValueOnce(
      jsonResponse(200, sessionAnswer('mcop_an', operator({ role: 'analyst', login: 'ana' }))),
    )
    await store().login('ana', 'password-123')
    expect(can('members.read')).toBe(true)
    expect(can('members.phone')).toBe(false)
    expect(can('operators.manage')).toBe(false)
  })

  it('a new operator must change the one-time password; the change brings a fresh session', async () => {
    fetchMock.mockResolvedValueOnce(
      jsonResponse(200, sessionAnswer('mcop_first', operator({ id: 'opr_2', login: 'li', mustChangePassword: true }))),
    )
    await store().login('li', 'OneTime-1234')
    expect(operatorSelectors.mustChangePassword(store())).toBe(true)

    fetchMock.mockResolvedValueOnce(jsonResponse(200, sessionAnswer('mcop_second', operator({ id: 'opr_2' }))))
    expect(await store().changePassword('OneTime-1234', 'my-new-pass-2026')).not.toBeNull()

    expect(headerOf(1)).toBe('Bearer mcop_first')
    expect(bodyOf(1)).toEqual({ currentPassword: 'OneTime-1234', newPassword: 'my-new-pass-2026' })
    expect(operatorSelectors.mustChangePassword(store())).toBe(false)
    expect(readOperatorSession()?.token).toBe('mcop_second')
  })

  it('a throttled login says how long to wait', async () => {
    fetchMock.mockResolvedValueOnce(
      jsonResponse(429, {
        error: {
          code: 'OPERATOR_LOGIN_THROTTLED',
          message: '登录失败次数过多，请稍后再试',
          details: { retryAfterSeconds: 540 },
        },
      }),
    )
    expect(await store().login('owner', 'wrong')).toBeNull()
    expect(store().error).toMatchObject({ code: 'OPERATOR_LOGIN_THROTTLED', retryAfterSeconds: 540 })
    expect(operatorSelectors.isLoggedIn(store())).toBe(false)
    expect(retryAfterText(540)).toBe('请 9 分钟后再试')
    expect(retryAfterText(42)).toBe('请 42 秒后再试')
  })

  it('a wrong password fails with the BFF message and no session', async () => {
    fetchMock.mockResolvedValueOnce(
      jsonResponse(401, { error: { code: 'OPERATOR_LOGIN_FAILED', message: '登录名或密码错误' } }),
    )
    expect(await store().login('owner', 'nope')).toBeNull()
    expect(store().error).toMatchObject({ code: 'OPERATOR_LOGIN_FAILED', message: '登录名或密码错误' })
    expect(readOperatorSession()).toBeNull()
  })

  it('a rejected console token ends the console session only and opens the merchant login', async () => {
    saveSession({ token: 'member_tok', expiresAt: '2099-01-01T00:00:00Z' })
    saveOperatorSession(sessionAnswer('mcop_old'))
    expect(operatorSelectors.isLoggedIn(store())).toBe(true)
    vi.mocked(Taro.redirectTo).mockClear()
    fetchMock.mockResolvedValueOnce(jsonResponse(401, { error: { code: 'UNAUTHENTICATED', message: '请先登录' } }))

    await expect(consoleCall((api) => api.admin.outlets.$get())).rejects.toBeInstanceOf(ApiError)

    expect(operatorSelectors.isLoggedIn(store())).toBe(false)
    expect(readOperatorSession()).toBeNull()
    expect(Taro.getStorageSync('mc.session')).toMatchObject({ token: 'member_tok' })
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: routes.merchantLogin })
  })

  it('PASSWORD_CHANGE_REQUIRED marks the session so the login page asks for a new password', async () => {
    saveOperatorSession(sessionAnswer('mcop_reset'))
    fetchMock.mockResolvedValueOnce(
      jsonResponse(403, { error: { code: 'PASSWORD_CHANGE_REQUIRED', message: '请先修改初始密码' } }),
    )
    await expect(consoleCall((api) => api.admin.outlets.$get())).rejects.toMatchObject({
      code: 'PASSWORD_CHANGE_REQUIRED',
    })
    expect(operatorSelectors.mustChangePassword(store())).toBe(true)
    expect(readOperatorSession()?.token).toBe('mcop_reset')
  })

  it('logout forgets the session even when the BFF cannot be reached', async () => {
    saveOperatorSession(sessionAnswer('mcop_bye'))
    fetchMock.mockRejectedValueOnce(new TypeError('offline'))
    await store().logout()
    expect(headerOf(0)).toBe('Bearer mcop_bye')
    expect(operatorSelectors.isLoggedIn(store())).toBe(false)
    expect(readOperatorSession()).toBeNull()
  })

  it('refresh takes a changed role from /operator/me', async () => {
    saveOperatorSession(sessionAnswer('mcop_me'))
    const analyst = operator({ role: 'analyst' })
    fetchMock.mockResolvedValueOnce(jsonResponse(200, { operator: analyst, permissions: [...rolePermissions.analyst] }))
    await store().refresh()
    expect(store().operator?.role).toBe('analyst')
    expect(can('operators.manage')).toBe(false)
    expect(readOperatorSession()).toMatchObject({ token: 'mcop_me', operator: { role: 'analyst' } })
  })

  it('an expired stored session reads as none', () => {
    saveOperatorSession({ ...sessionAnswer('mcop_old'), expiresAt: '2020-01-01T00:00:00Z' })
    expect(readOperatorSession()).toBeNull()
    expect(initialOperatorState().operator).toBeNull()
  })
})

describe('fieldErrors', () => {
  it('reads zod issues by dotted path, the first message of each', () => {
    const parsed = CreateApiKeyBody.safeParse({ name: '', permissions: [] })
    expect(parsed.success).toBe(false)
    expect(fieldErrors(parsed.error)).toEqual({ name: '请填写用途', permissions: '至少选择一项权限' })
  })

  it("reads the BFF's INVALID_REQUEST issues and ignores other errors", () => {
    const invalid = new ApiError(400, 'INVALID_REQUEST', '请求参数有误', {
      issues: [
        { path: 'login', message: '登录名为 3–32 位字母、数字或 _ . -（也可用手机号）' },
        { path: 'login', message: 'second' },
        { path: '', message: '整体有误' },
      ],
    })
    expect(fieldErrors(invalid)).toEqual({
      login: '登录名为 3–32 位字母、数字或 _ . -（也可用手机号）',
      '': '整体有误',
    })
    expect(fieldErrors(new ApiError(409, 'OPERATOR_LOGIN_TAKEN', '该登录名已被使用'))).toEqual({})
    expect(fieldErrors(new Error('x'))).toEqual({})
  })
})
