import { describe, expect, it } from 'vitest'
import { tabPlan } from './open-page'

// Routes as WeChat and Taro's H5 router list them: without the leading slash, bottom of the stack first.
const home = 'pages/home/index'
const mall = 'mall/pages/list/index'
const profile = 'membership/pages/profile/index'

describe('tabPlan', () => {
  it('stays on the tab already shown', () => {
    expect(tabPlan('/mall/pages/list/index', [home, mall])).toEqual({ kind: 'stay' })
  })

  it('goes back to a tab that lies below, so Back does not ping-pong between tabs', () => {
    expect(tabPlan('/pages/home/index', [home, mall])).toEqual({ kind: 'back', delta: 1 })
    expect(tabPlan('/pages/home/index', [home, 'points/pages/expiring/index', mall])).toEqual({
      kind: 'back',
      delta: 2,
    })
  })

  it('replaces the shown tab with one not on the stack', () => {
    expect(tabPlan('/membership/pages/profile/index', [home, mall])).toEqual({
      kind: 'redirect',
      url: '/membership/pages/profile/index',
    })
    // Opened straight from a link, home is not below: it replaces 我的 instead of stacking on it.
    expect(tabPlan('/pages/home/index', [profile])).toEqual({ kind: 'redirect', url: '/pages/home/index' })
  })

  it('compares paths without their query', () => {
    expect(tabPlan('/pages/home/index', [`${home}?from=share`, mall])).toEqual({ kind: 'back', delta: 1 })
  })
})
