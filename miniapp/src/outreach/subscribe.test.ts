import Taro from '@tarojs/taro'
import { fireEvent, screen, waitFor } from '@testing-library/react'
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { SubscribePrompt } from '@mc/shared'
import { jsonResponse } from '../../test/fixtures'
import { stubFetch } from '../../test/fetch-stub'
import { initialOutreachState, useOutreachStore } from './outreach.store'
import { askForSubscriptions, askInWechat } from './subscribe'

const fetchMock = stubFetch(() => useOutreachStore.setState(initialOutreachState()))
const prompt: SubscribePrompt = {
  templates: [
    { templateId: 'tpl_tier', category: 'tier', label: '等级变化与保级提醒', keptAccept: false },
    { templateId: 'tpl_points', category: 'points', label: '积分到期提醒', keptAccept: false },
  ],
}
const posted = () => {
  const post = fetchMock.mock.calls.find(([, init]) => init?.method === 'POST')
  return post ? JSON.parse(String(post[1]?.body)) : null
}
const wechat = Taro as unknown as Record<string, unknown>

describe('askInWechat (the mini-program)', () => {
  const requestSubscribeMessage = vi.fn()
  const getSetting = vi.fn()
  beforeEach(() => {
    requestSubscribeMessage.mockReset()
    getSetting.mockReset()
    Object.assign(wechat, { requestSubscribeMessage, getSetting })
  })

  it('without a prompt fetched ahead asks nothing this tap and fetches it for the next', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(200, prompt))
    expect(await askInWechat('sign_in')).toBeNull()
    expect(requestSubscribeMessage).not.toHaveBeenCalled()
    await waitFor(() => expect(useOutreachStore.getState().prompts.sign_in).toEqual(prompt))
  })

  it('asks WeChat within the tap, reads the kept choice and records the answers', async () => {
    useOutreachStore.getState().promptLoaded('sign_in', prompt)
    requestSubscribeMessage.mockResolvedValue({
      errMsg: 'requestSubscribeMessage:ok',
      tpl_tier: 'accept',
      tpl_points: 'reject',
    })
    getSetting.mockResolvedValue({ subscriptionsSetting: { mainSwitch: true, itemSettings: { tpl_tier: 'accept' } } })
    fetchMock.mockResolvedValueOnce(jsonResponse(201, { accepted: 1, available: { tpl_tier: 1 } }))
    fetchMock.mockResolvedValueOnce(jsonResponse(200, { templates: [] }))

    const asked = askInWechat('sign_in')
    // Called before anything was awaited: WeChat refuses a prompt that is not straight from the tap.
    expect(requestSubscribeMessage).toHaveBeenCalledWith({ tmplIds: ['tpl_tier', 'tpl_points'] })
    expect(await asked).toEqual({ accepted: 1, available: { tpl_tier: 1 } })
    expect(getSetting).toHaveBeenCalledWith({ withSubscriptions: true })
    expect(posted()).toEqual({
      moment: 'sign_in',
      results: { tpl_tier: 'accept', tpl_points: 'reject' },
      keepChoice: true,
    })
    await waitFor(() => expect(useOutreachStore.getState().prompts.sign_in).toEqual({ templates: [] }))
  })

  it('an empty prompt asks nothing; a refused call records nothing', async () => {
    useOutreachStore.getState().promptLoaded('join', { templates: [] })
    expect(await askInWechat('join')).toBeNull()
    expect(requestSubscribeMessage).not.toHaveBeenCalled()
    useOutreachStore.getState().promptLoaded('join', prompt)
    requestSubscribeMessage.mockRejectedValue({ errMsg: 'requestSubscribeMessage:fail', errCode: 20004 })
    expect(await askInWechat('join')).toBeNull()
    expect(posted()).toBeNull()
  })
})

describe('askForSubscriptions on H5 (the stand-in sheet)', () => {
  // The sheet's module is loaded on first use; loading it here keeps the tests' waits short.
  beforeAll(() => import('./subscribe-sheet/show-subscribe-sheet'), 20_000)

  it('shows the templates, and 允许 with one switched off and the box ticked posts WeChat’s answer', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(200, prompt))
    fetchMock.mockResolvedValueOnce(jsonResponse(201, { accepted: 1, available: { tpl_tier: 1 } }))
    const asked = askForSubscriptions('sign_in')
    await screen.findByTestId('subscribe-sheet')
    // A second tap while the sheet is open asks nothing more.
    expect(await askForSubscriptions('sign_in')).toBeNull()
    expect(screen.getByText('等级变化与保级提醒')).toBeTruthy()
    fireEvent.click(screen.getByTestId('subscribe-item-points'))
    fireEvent.click(screen.getByTestId('subscribe-keep'))
    fireEvent.click(screen.getByText('允许'))
    expect(await asked).toEqual({ accepted: 1, available: { tpl_tier: 1 } })
    expect(posted()).toEqual({
      moment: 'sign_in',
      results: { tpl_tier: 'accept', tpl_points: 'reject' },
      keepChoice: true,
    })
    expect(screen.queryByTestId('subscribe-sheet')).toBeNull()
  })

  it('取消 rejects every template; an empty prompt shows nothing', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(200, prompt))
    fetchMock.mockResolvedValueOnce(jsonResponse(201, { accepted: 0, available: {} }))
    const asked = askForSubscriptions('redemption')
    fireEvent.click(await screen.findByText('取消'))
    await asked
    expect(posted()).toEqual({
      moment: 'redemption',
      results: { tpl_tier: 'reject', tpl_points: 'reject' },
      keepChoice: false,
    })

    fetchMock.mockReset()
    fetchMock.mockResolvedValueOnce(jsonResponse(200, { templates: [] }))
    expect(await askForSubscriptions('join')).toBeNull()
    expect(screen.queryByTestId('subscribe-sheet')).toBeNull()
    expect(fetchMock).toHaveBeenCalledTimes(1)
  })
})
