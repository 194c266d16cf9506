import { describe, expect, it } from 'vitest'
import { sceneFromParams } from './join-params'

describe('sceneFromParams', () => {
  it.each([
    [{ scene: encodeURIComponent('o=outlet_xuhui&s=AbCdEfGhIj') }, '', 'o=outlet_xuhui&s=AbCdEfGhIj'],
    [{}, `?scene=${encodeURIComponent('o=out_1&s=AAAAAAAAAA')}`, 'o=out_1&s=AAAAAAAAAA'],
    [{ scene: 'outlet_3' }, '', 'outlet_3'],
    [{}, '', undefined],
    [{ scene: '   ' }, '', undefined],
    [{ scene: 'x'.repeat(129) }, '', undefined],
    [{ scene: '%E0%A4%A' }, '', '%E0%A4%A'],
  ])('%o with search %j gives %j', (params, search, expected) => {
    expect(sceneFromParams(params, search)).toBe(expected)
  })
})
