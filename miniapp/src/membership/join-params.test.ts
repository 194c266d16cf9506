import { describe, expect, it } from 'vitest'
import { outletIdFromParams } from './join-params'

describe('outletIdFromParams', () => {
  it.each([
    [{ outletId: 'outlet_1' }, '', 'outlet_1'],
    [{}, '?outletId=outlet_2', 'outlet_2'],
    [{ scene: 'outlet_3' }, '', 'outlet_3'],
    [{ scene: encodeURIComponent('outletId=outlet_4') }, '', 'outlet_4'],
    [{ scene: encodeURIComponent('o=outlet_5&x=1') }, '', 'outlet_5'],
    [{ outletId: '%E9%97%A8%E5%BA%97' }, '', '门店'],
    [{}, '', undefined],
    [{ outletId: '   ' }, '', undefined],
    [{ outletId: 'x'.repeat(65) }, '', undefined],
    [{ scene: 'a=b' }, '', undefined],
    [{ scene: '%E0%A4%A' }, '', '%E0%A4%A'],
  ])('%o with search %j gives %j', (params, search, expected) => {
    expect(outletIdFromParams(params, search)).toBe(expected)
  })
})
