import { describe, expect, it } from 'vitest'
import {
  formatOutletScene,
  joinPagePath,
  maxSceneLength,
  maxSceneOutletIdLength,
  parseOutletScene,
} from './outlet-scene'

describe('outlet join scenes', () => {
  it('fit the 32 characters wxacode.getUnlimited allows, with the longest outlet id a scene can carry', () => {
    const scene = formatOutletScene('x'.repeat(maxSceneOutletIdLength), 'A'.repeat(10))
    expect(scene.length).toBe(maxSceneLength)
    expect(parseOutletScene(scene)).toEqual({ outletId: 'x'.repeat(maxSceneOutletIdLength), signature: 'A'.repeat(10) })
  })

  it('read a scene raw or URL-encoded, as WeChat hands it over', () => {
    const scene = formatOutletScene('outlet_xuhui', 'Ab-_0123456')
    expect(parseOutletScene(scene)).toBeNull() // 11-character signature
    const good = formatOutletScene('outlet_xuhui', 'Ab-_012345')
    expect(parseOutletScene(good)).toEqual({ outletId: 'outlet_xuhui', signature: 'Ab-_012345' })
    expect(parseOutletScene(encodeURIComponent(good))).toEqual({ outletId: 'outlet_xuhui', signature: 'Ab-_012345' })
  })

  it.each([
    'outlet_xuhui',
    'o=outlet_xuhui',
    's=Ab-_012345&o=outlet_xuhui',
    'o=outlet_xuhui&s=Ab-_01234',
    'o=outlet xuhui&s=Ab-_012345',
    `o=${'x'.repeat(maxSceneOutletIdLength + 1)}&s=Ab-_012345`,
    'o=outlet_xuhui&s=Ab-_012345&x=1',
    '%E0%A4%A',
  ])('refuse %j', (scene) => {
    expect(parseOutletScene(scene)).toBeNull()
  })

  it('link the H5 join page with the scene encoded', () => {
    expect(joinPagePath('o=a&s=0123456789')).toBe('/#/membership/pages/join/index?scene=o%3Da%26s%3D0123456789')
  })
})
