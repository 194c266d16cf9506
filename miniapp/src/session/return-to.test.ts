import { describe, expect, it } from 'vitest'
import { joinRoute, loginRoute, pageUrl, returnToFromParams } from './return-to'

describe('pageUrl', () => {
  it.each([
    ['/mall/pages/item/index', { id: 'it_1' }, '/mall/pages/item/index?id=it_1'],
    ['mall/pages/item/index?id=it_1', { id: 'it_1' }, '/mall/pages/item/index?id=it_1'],
    ['/pages/home/index', {}, '/pages/home/index'],
    ['/points/pages/history/index', { type: 'points', $taroTimestamp: '1' }, '/points/pages/history/index?type=points'],
    [
      '/membership/pages/join/index',
      { scene: 'o%3Dout_1%26s%3DAb' },
      '/membership/pages/join/index?scene=o%3Dout_1%26s%3DAb',
    ],
  ])('%s with %o is %s', (path, params, expected) => {
    expect(pageUrl(path, params)).toBe(expected)
  })
})

describe('login and back', () => {
  it('carries a page through login and gives it back', () => {
    const url = '/mall/pages/checkout/index?id=it_1'
    const login = loginRoute(url)
    expect(login).toBe('/pages/login/index?redirect=%2Fmall%2Fpages%2Fcheckout%2Findex%3Fid%3Dit_1')
    const query = login.split('?redirect=')[1] ?? ''
    expect(returnToFromParams({ redirect: query })).toBe(url)
    expect(returnToFromParams({ redirect: decodeURIComponent(query) })).toBe(url)
  })

  it('sends plain login for home', () => {
    expect(loginRoute('/pages/home/index')).toBe('/pages/login/index')
    expect(loginRoute()).toBe('/pages/login/index')
  })

  it.each([
    'https://evil.example/phish',
    '//evil.example/pages/home/index',
    '/pages/login/index',
    '/merchant/pages/home/index',
    '/staff/pages/till/index',
    '/no/such/page',
    'javascript:alert(1)',
  ])('never returns to %s', (target) => {
    expect(returnToFromParams({ redirect: encodeURIComponent(target) })).toBeUndefined()
  })

  it('joins with the scene and goes on to the page afterwards', () => {
    expect(joinRoute('o=out_1', '/mall/pages/item/index?id=it_1')).toBe(
      '/membership/pages/join/index?scene=o%3Dout_1&redirect=%2Fmall%2Fpages%2Fitem%2Findex%3Fid%3Dit_1',
    )
    expect(joinRoute(undefined, '/pages/home/index')).toBe('/membership/pages/join/index')
  })
})
