import { describe, expect, it } from 'vitest'
import { defaultEngagementSettings, type EngagementSettings } from '@mc/shared'
import { jsonResponse } from '../../../test/fixtures'
import { stubFetch } from '../../../test/fetch-stub'
import { initialAutomationState, useAutomationStore } from './automation.store'

const fetchMock = stubFetch(() => useAutomationStore.setState(initialAutomationState()))
const store = () => useAutomationStore.getState()
const sent = (call: number) => {
  const [url, init] = fetchMock.mock.calls[call]
  return { url: String(url), method: init?.method, body: init?.body ? JSON.parse(init.body as string) : undefined }
}

describe('automation store', () => {
  it('loads the settings once and keeps them as the last answer', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(200, defaultEngagementSettings))
    expect(await store().load()).toEqual(defaultEngagementSettings)
    expect(sent(0)).toMatchObject({ url: '/api/admin/automation/settings', method: 'GET' })
    expect(store().settings).toEqual(defaultEngagementSettings)
  })

  it('switching a rule off saves the whole document with only that rule changed', async () => {
    useAutomationStore.setState({ settings: defaultEngagementSettings })
    const expected: EngagementSettings = {
      ...defaultEngagementSettings,
      journeys: {
        ...defaultEngagementSettings.journeys,
        birthday: { ...defaultEngagementSettings.journeys.birthday, enabled: false },
      },
    }
    fetchMock.mockResolvedValueOnce(jsonResponse(200, expected))
    expect(await store().ruleSwitched('birthday', false)).toEqual(expected)
    expect(sent(0)).toMatchObject({ url: '/api/admin/automation/settings', method: 'PUT', body: expected })
    expect(store()).toMatchObject({ settings: expected, saving: null, failure: null })
  })

  it('a refused save keeps the last settings and the failure with its field issues', async () => {
    useAutomationStore.setState({ settings: defaultEngagementSettings })
    const issues = [{ path: 'journeys.upgrade.copy.title', message: '未知的占位符 {x}' }]
    fetchMock.mockResolvedValueOnce(
      jsonResponse(400, { error: { code: 'INVALID_REQUEST', message: '请求参数有误', details: { issues } } }),
    )
    const saved = await store().save('upgrade', (s) => s)
    expect(saved).toBeNull()
    expect(store().settings).toEqual(defaultEngagementSettings)
    expect(store().failure).toMatchObject({ code: 'INVALID_REQUEST', details: { issues } })
    expect(store().saving).toBeNull()
  })
})
