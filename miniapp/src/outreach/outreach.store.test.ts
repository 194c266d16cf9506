import { describe, expect, it } from 'vitest'
import type { NotificationSettingsView } from '@mc/shared'
import { jsonResponse } from '../../test/fixtures'
import { stubFetch } from '../../test/fetch-stub'
import { initialOutreachState, outreachSelectors, useOutreachStore } from './outreach.store'

const fetchMock = stubFetch(() => useOutreachStore.setState(initialOutreachState()))
const store = () => useOutreachStore.getState()
const sent = (i: number) => ({
  url: String(fetchMock.mock.calls[i]?.[0]),
  method: fetchMock.mock.calls[i]?.[1]?.method,
  body: JSON.parse(String(fetchMock.mock.calls[i]?.[1]?.body ?? 'null')),
})
const view = (over: Partial<NotificationSettingsView> = {}): NotificationSettingsView => ({
  mutedCategories: [],
  smsConsent: false,
  hasPhone: true,
  smsOptedOutAt: null,
  ...over,
})
const failure = (status: number, code: string, message: string) => jsonResponse(status, { error: { code, message } })

describe('notification settings', () => {
  it('a mute is shown at once and saved with the whole settings', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(200, view({ mutedCategories: ['care'] })))
    await store().loadSettings()
    let answer!: (r: Response) => void
    fetchMock.mockImplementationOnce(() => new Promise((resolve) => (answer = resolve)))
    const saving = store().muteToggled('offers', true)
    expect(outreachSelectors.isMuted(store(), 'offers')).toBe(true)
    // A second tap while the first is on its way sends nothing.
    expect(await store().muteToggled('tier', true)).toBeNull()
    answer(jsonResponse(200, view({ mutedCategories: ['care', 'offers'] })))
    expect(await saving).toBe(true)
    expect(sent(1)).toEqual({
      url: '/api/me/notification-settings',
      method: 'PUT',
      body: { mutedCategories: ['care', 'offers'], smsConsent: false },
    })
    expect(store().settings?.mutedCategories).toEqual(['care', 'offers'])
    expect(fetchMock).toHaveBeenCalledTimes(2)
  })

  it('a refused save puts the switch back and keeps the reason', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(200, view({ hasPhone: false })))
    await store().loadSettings()
    expect(outreachSelectors.smsBlockedReason(store())).toContain('未绑定手机号')
    fetchMock.mockResolvedValueOnce(failure(400, 'SMS_CONSENT_NEEDS_PHONE', '请先绑定手机号'))
    expect(await store().smsConsentToggled(true)).toBe(false)
    expect(store().settings?.smsConsent).toBe(false)
    expect(store().settingsError?.code).toBe('SMS_CONSENT_NEEDS_PHONE')
  })

  it('turning SMS back on after a 退订 reply saves consent', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(200, view({ smsOptedOutAt: '2026-11-10T02:00:00Z' })))
    await store().loadSettings()
    fetchMock.mockResolvedValueOnce(jsonResponse(200, view({ smsConsent: true, smsOptedOutAt: null })))
    expect(await store().smsConsentToggled(true)).toBe(true)
    expect(sent(1).body).toEqual({ mutedCategories: [], smsConsent: true })
    expect(store().settings).toMatchObject({ smsConsent: true, smsOptedOutAt: null })
  })

  it('a first load that fails shows as failed until a retry', async () => {
    fetchMock.mockResolvedValueOnce(failure(500, 'INTERNAL', '服务异常'))
    await store().loadSettings()
    expect(outreachSelectors.firstLoadFailed(store())).toBe(true)
    expect(await store().muteToggled('tier', true)).toBeNull()
  })
})

describe('subscription prompts', () => {
  it('keeps the prompt per moment and forgets it once answered', async () => {
    const prompt = { templates: [{ templateId: 'tpl_points', category: 'points', label: '积分到期提醒' }] }
    fetchMock.mockResolvedValueOnce(jsonResponse(200, prompt))
    await store().loadPrompt('sign_in')
    expect(sent(0).url).toBe('/api/me/subscriptions/prompt?moment=sign_in')
    expect(store().prompts.sign_in).toEqual(prompt)
    fetchMock.mockResolvedValueOnce(jsonResponse(201, { accepted: 1, available: { tpl_points: 1 } }))
    const body = { moment: 'sign_in' as const, results: { tpl_points: 'accept' as const }, keepChoice: true }
    expect(await store().recordAnswers(body)).toEqual({ accepted: 1, available: { tpl_points: 1 } })
    expect(sent(1)).toEqual({ url: '/api/me/subscriptions', method: 'POST', body })
    expect(store().prompts.sign_in).toBeUndefined()
  })

  it('a prompt that cannot be fetched is no prompt', async () => {
    fetchMock.mockResolvedValueOnce(failure(500, 'INTERNAL', '服务异常'))
    expect(await store().loadPrompt('join')).toBeNull()
    expect(store().prompts.join).toBeUndefined()
  })
})
