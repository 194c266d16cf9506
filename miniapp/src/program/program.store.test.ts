import { describe, expect, it } from 'vitest'
import { jsonResponse, tiers } from '../../test/fixtures'
import { initialProgramState, programSelectors, useProgramStore } from './program.store'
import { stubFetch } from '../../test/fetch-stub'

const fetchMock = stubFetch(() => useProgramStore.setState(initialProgramState()))
const store = () => useProgramStore.getState()


describe('program store', () => {
  it('loadTiers keeps the public ladder without needing a session', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(200, { version: 3, tiers }))
    await store().loadTiers()
    const [url, init] = fetchMock.mock.calls[0]
    expect(url).toBe('/api/program/tiers')
    expect(new Headers(init?.headers).has('Authorization')).toBe(false)
    expect(programSelectors.tiers(store())?.map((t) => t.name)).toEqual(['普通会员', '白银会员', '黄金会员'])
    expect(store()).toMatchObject({ version: 3, loading: false, error: null })
  })

  it('a failed refresh keeps the last ladder and records the failure', async () => {
    store().tiersLoaded({ version: 1, tiers })
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'))
    expect(await store().loadTiers()).toBeNull()
    expect(programSelectors.tiers(store())).toHaveLength(3)
    expect(programSelectors.errorMessage(store())).toBe('网络异常，请检查网络后重试')
    expect(programSelectors.isLoading(store())).toBe(false)
  })
})
