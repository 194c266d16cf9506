import { describe, expect, it } from 'vitest'
import { jsonResponse } from '../../test/fixtures'
import { initialOutletsState, outletsSelectors, useOutletsStore } from './outlets.store'
import { stubFetch } from '../../test/fetch-stub'

const fetchMock = stubFetch(() => useOutletsStore.setState(initialOutletsState()))
const store = () => useOutletsStore.getState()

describe('outlets store', () => {
  it('lookupOutlet finds the store a QR code names', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(200, { id: 'outlet_xuhui', name: '徐汇旗舰店' }))
    await store().lookupOutlet('outlet_xuhui')
    expect(fetchMock.mock.calls[0][0]).toBe('/api/outlets/scene/outlet_xuhui')
    expect(outletsSelectors.lookup(store(), 'outlet_xuhui')).toEqual({
      status: 'found',
      outlet: { id: 'outlet_xuhui', name: '徐汇旗舰店' },
    })
  })

  it('escapes the id in the path', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(200, { id: 'a/b', name: '门店' }))
    await store().lookupOutlet('a/b')
    expect(fetchMock.mock.calls[0][0]).toBe('/api/outlets/scene/a%2Fb')
  })

  it('tells an unknown store (OUTLET_NOT_FOUND) apart from a failed request', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(404, { error: { code: 'OUTLET_NOT_FOUND', message: '门店不存在' } }))
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'))
    expect(await store().lookupOutlet('outlet_forged')).toBeNull()
    expect(await store().lookupOutlet('outlet_offline')).toBeNull()
    expect(outletsSelectors.lookup(store(), 'outlet_forged')).toMatchObject({
      status: 'missing',
      failure: { message: '门店不存在' },
    })
    expect(outletsSelectors.lookup(store(), 'outlet_offline')).toMatchObject({
      status: 'failed',
      failure: { code: 'NETWORK' },
    })
  })

  it('reads no lookup without an outlet id', () => {
    expect(outletsSelectors.lookup(store(), undefined)).toBeNull()
    expect(outletsSelectors.lookup(store(), 'never_asked')).toBeNull()
  })
})
