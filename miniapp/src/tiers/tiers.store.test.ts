import { describe, expect, it } from 'vitest'
import { jsonResponse, tiers } from '../../test/fixtures'
import { initialTiersState, tiersSelectors, useTiersStore } from './tiers.store'
import { stubFetch } from '../../test/fetch-stub'

const fetchMock = stubFetch(() => useTiersStore.setState(initialTiersState()))
const store = () => useTiersStore.getState()

describe('tiers store', () => {
  it('loadTiers keeps the public ladder without needing a session', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(200, { version: 3, tiers }))
    await store().loadTiers()
    const [url, init] = fetchMock.mock.calls[0]
    expect(url).toBe('/api/program/tiers')
    expect(new Headers(init?.headers).has('Authorization')).toBe(false)
    expect(tiersSelectors.tiers(store())?.map((t) => t.name)).toEqual(['普通会员', '白银会员', '黄金会员'])
    expect(store()).toMatchObject({ version: 3, loading: false, error: null })
  })

  it('a failed refresh keeps the last ladder and records the failure', async () => {
    store().tiersLoaded({ version: 1, tiers })
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'))
    expect(await store().loadTiers()).toBeNull()
    expect(tiersSelectors.tiers(store())).toHaveLength(3)
    expect(tiersSelectors.errorMessage(store())).toBe('网络异常，请检查网络后重试')
    expect(tiersSelectors.isLoading(store())).toBe(false)
  })
})
