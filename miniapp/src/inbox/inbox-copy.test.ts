import { describe, expect, it } from 'vitest'
import { categoryOfKind, linkActionOf } from './inbox-copy'

describe('inbox copy', () => {
  it.each([
    ['/membership/pages/tiers/index', '查看等级权益'],
    ['/points/pages/expiring/index', '查看即将过期积分'],
    ['/benefits/pages/list/index', '去领取权益'],
    ['/somewhere/else', '去查看'],
    ['toString', '去查看'],
  ])('a link to %s reads %s', (path, words) => expect(linkActionOf(path)).toBe(words))

  it('knows the category of the kinds journeys write, and none for others', () => {
    expect(categoryOfKind('points_expiring')).toBe('points')
    expect(categoryOfKind('lottery')).toBeNull()
  })
})
