import { describe, expect, it } from 'vitest'
import type { ProfileView } from '@mc/shared'
import { jsonResponse } from '../../test/fixtures'
import { stubFetch } from '../../test/fetch-stub'
import { initialProfileState, profileSelectors, useProfileStore } from './profile.store'

const fetchMock = stubFetch(() => useProfileStore.setState(initialProfileState()))
const store = () => useProfileStore.getState()
const view = (over: Partial<ProfileView> = {}): ProfileView => ({
  nickname: '会员0001',
  avatar: null,
  gender: null,
  birthday: null,
  birthdayLocked: false,
  region: null,
  missing: ['nickname', 'gender', 'birthday', 'region'],
  completedAt: null,
  reward: { growth: 50, points: 100 },
  rewarded: null,
  ...over,
})

describe('profile store', () => {
  it('loads the profile and says what completing it pays', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(200, view()))
    expect(await store().loadProfile()).not.toBeNull()
    expect(String(fetchMock.mock.calls[0]?.[0])).toBe('/api/me/profile')
    expect(profileSelectors.complete(store())).toBe(false)
    expect(profileSelectors.rewardWorth(store())).toBe('50 成长值 + 100 积分')
  })

  it('keeps the reward a save credited until it is seen, and a later save does not erase it', async () => {
    const done = view({ missing: [], completedAt: '2026-11-23T02:00:00.000Z' })
    fetchMock.mockResolvedValueOnce(jsonResponse(200, { ...done, rewarded: { growth: 50, points: 100 } }))
    await store().saveProfile({ gender: 'female' })
    expect(fetchMock.mock.calls[0]?.[1]?.method).toBe('PATCH')
    expect(JSON.parse(String(fetchMock.mock.calls[0]?.[1]?.body))).toEqual({ gender: 'female' })
    expect(store().justRewarded).toEqual({ growth: 50, points: 100 })
    fetchMock.mockResolvedValueOnce(jsonResponse(200, done))
    await store().saveProfile({ nickname: '小林' })
    expect(store().justRewarded).toEqual({ growth: 50, points: 100 })
    store().rewardSeen()
    expect(store().justRewarded).toBeNull()
    expect(profileSelectors.complete(store())).toBe(true)
  })

  it('keeps the profile it had when a save is refused, with the reason', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(200, view({ birthday: '1990-05-17', birthdayLocked: true })))
    await store().loadProfile()
    fetchMock.mockResolvedValueOnce(
      jsonResponse(409, { error: { code: 'BIRTHDAY_LOCKED', message: '生日设置后不能自行修改' } }),
    )
    expect(await store().saveProfile({ birthday: '1990-06-17' })).toBeNull()
    expect(store().error).toMatchObject({ code: 'BIRTHDAY_LOCKED' })
    expect(store().profile?.birthday).toBe('1990-05-17')
  })
})
