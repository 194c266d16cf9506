import { describe, expect, it } from 'vitest'
import { linkPlan } from './notification-link'

const inboxOverHome = ['pages/home/index', 'inbox/pages/list/index']

describe('linkPlan', () => {
  it.each([
    ['no page', null, inboxOverHome, { kind: 'none' }],
    ['an unknown page', '/nowhere/pages/x/index', inboxOverHome, { kind: 'none' }],
    ['a console page', '/merchant/pages/home/index', inboxOverHome, { kind: 'none' }],
    ['a till page', '/staff/pages/till/index', inboxOverHome, { kind: 'none' }],
    [
      'the expiring-points page',
      '/points/pages/expiring/index',
      inboxOverHome,
      { kind: 'navigate', url: '/points/pages/expiring/index' },
    ],
    [
      'a page with a query',
      '/mall/pages/item/index?id=itm_1',
      inboxOverHome,
      { kind: 'navigate', url: '/mall/pages/item/index?id=itm_1' },
    ],
    [
      'a page without its slash',
      'benefits/pages/list/index',
      inboxOverHome,
      { kind: 'navigate', url: '/benefits/pages/list/index' },
    ],
    ['home, already below', '/pages/home/index', inboxOverHome, { kind: 'back', delta: 1 }],
    [
      'the tier page two below',
      '/membership/pages/tiers/index',
      ['pages/home/index', 'membership/pages/tiers/index', 'pages/home/index', 'inbox/pages/list/index'],
      { kind: 'back', delta: 2 },
    ],
    [
      'a page on a full stack',
      '/membership/pages/tiers/index',
      [...Array.from({ length: 9 }, () => 'points/pages/history/index'), 'inbox/pages/list/index'],
      { kind: 'redirect', url: '/membership/pages/tiers/index' },
    ],
  ] as const)('%s', (_, page, stack, plan) => {
    expect(linkPlan(page, stack)).toEqual(plan)
  })
})
