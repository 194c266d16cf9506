import Taro, { useRouter } from '@tarojs/taro'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { jsonResponse, loginFixture, tiers } from '../../../../test/fixtures'
import { initialOutletsState, useOutletsStore } from '../../../outlets/outlets.store'
import { initialTiersState, useTiersStore } from '../../../tiers/tiers.store'
import { initialMembershipState, useMembershipStore } from '../../membership.store'
import JoinPage from './index'

const fetchMock = vi.fn<typeof fetch>()
const outlets: Record<string, string> = { outlet_xuhui: '徐汇旗舰店', outlet_gone: '已关店' }

beforeEach(() => {
  Taro.clearStorageSync()
  vi.mocked(Taro.redirectTo).mockClear()
  vi.mocked(Taro.reLaunch).mockClear()
  useMembershipStore.setState(initialMembershipState())
  useTiersStore.setState(initialTiersState())
  useOutletsStore.setState(initialOutletsState())
  fetchMock.mockReset()
  fetchMock.mockImplementation(async (input) => {
    const url = String(input)
    if (url === '/api/program/tiers') return jsonResponse(200, { version: 1, tiers })
    if (url === '/api/members/join') return jsonResponse(200, { member: loginFixture().member, joinedNow: true })
    // Logged in but not yet a member: /api/me says so, and the page invites them.
    if (url === '/api/me') return jsonResponse(403, { error: { code: 'MEMBER_NOT_JOINED', message: '请先开通会员' } })
    const outletId = decodeURIComponent(url.replace('/api/outlets/scene/', ''))
    if (outlets[outletId]) return jsonResponse(200, { id: outletId, name: outlets[outletId] })
    return jsonResponse(404, { error: { code: 'OUTLET_NOT_FOUND', message: '门店不存在' } })
  })
  vi.stubGlobal('fetch', fetchMock)
})
afterEach(() => vi.unstubAllGlobals())

function openWith(params: Record<string, string>, loggedIn = true) {
  vi.mocked(useRouter).mockReturnValue({ params, path: '/membership/pages/join/index' } as ReturnType<typeof useRouter>)
  if (loggedIn) useMembershipStore.getState().loggedIn(loginFixture({ joinedAt: null }))
  return render(<JoinPage />)
}

const joinBodies = () =>
  fetchMock.mock.calls.filter(([url]) => url === '/api/members/join').map(([, init]) => init?.body)

describe('JoinPage', () => {
  it('greets with the store from the QR scene, shows the live ladder and joins through that store', async () => {
    openWith({ scene: 'outlet_xuhui' })
    await screen.findByText('徐汇旗舰店 邀请您加入会员')
    expect(screen.getAllByText('黄金会员').length).toBeGreaterThan(0)
    expect(screen.getByText('成长值 2,000')).toBeTruthy()
    expect(screen.getByText('来源门店：徐汇旗舰店')).toBeTruthy()

    await act(async () => void fireEvent.click(screen.getByText('立即开通会员')))
    await waitFor(() => expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/home/index' }))
    expect(joinBodies()).toEqual(['{"scene":"outlet_xuhui"}'])
  })

  it('says clearly when the QR code names no store, and then joins without one', async () => {
    openWith({ scene: 'outlet_forged' })
    const alert = await screen.findByRole('status')
    expect(alert.textContent).toContain('门店不存在')
    expect(screen.queryByText(/邀请您加入会员/)).toBeNull()

    await act(async () => void fireEvent.click(screen.getByText('立即开通会员')))
    await waitFor(() => expect(Taro.reLaunch).toHaveBeenCalled())
    expect(joinBodies()).toEqual(['{}'])
  })

  it('shows the note when joining itself finds the store gone, and does not join without asking', async () => {
    // The store is there when the page looks it up and gone by the time the shopper joins.
    const served = fetchMock.getMockImplementation()!
    fetchMock.mockImplementation(async (input, init) => {
      if (String(input) !== '/api/members/join') return served(input, init)
      return jsonResponse(404, { error: { code: 'OUTLET_NOT_FOUND', message: '门店不存在' } })
    })
    openWith({ scene: 'outlet_gone' })
    await screen.findByText('已关店 邀请您加入会员')
    await act(async () => void fireEvent.click(screen.getByText('立即开通会员')))
    await screen.findByRole('status')
    expect(Taro.reLaunch).not.toHaveBeenCalled()
    expect(joinBodies()).toEqual(['{"scene":"outlet_gone"}'])
  })

  it('sends a visitor without a session to login, carrying the store along', async () => {
    openWith({ scene: 'outlet_xuhui' }, false)
    const back = encodeURIComponent('/membership/pages/join/index?scene=outlet_xuhui')
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: `/pages/login/index?redirect=${back}` }))
  })
})
