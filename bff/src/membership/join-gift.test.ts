import { fmcgTemplate } from '@mc/shared'
import { beforeAll, describe, expect, it } from 'vitest'
import { accountBalances } from '../ledger/accounts'
import { publishProgramVersion } from '../program/published-program'
import { useTestApp } from '../test/test-app'

describe('the new-member gift', () => {
  const t = useTestApp()
  beforeAll(async () => {
    await publishProgramVersion(t.db, {
      rules: { ...fmcgTemplate, joinGift: { points: 100, growth: 600 } },
      template: 'fmcg',
      note: null,
      publishedBy: 'test',
      now: t.clock.now(),
    })
  })

  it('is posted once on joining, with its reason, and may lift the tier at once', async () => {
    const login = await t.json('POST', '/api/auth/local', { phone: '13612340001' })
    const joins = await Promise.all(
      Array.from({ length: 10 }, () => t.json('POST', '/api/members/join', {}, login.body.token)),
    )
    expect(joins.filter((j) => j.body.joinedNow)).toHaveLength(1)
    const memberId = joins[0].body.member.id
    expect(await accountBalances(t.db, memberId)).toMatchObject({ points: 100, growth: 600 })
    const points = await t.json('GET', '/api/me/points', undefined, login.body.token)
    expect(points.body.entries).toEqual([
      expect.objectContaining({ amount: 100, kind: 'join_gift', kindLabel: '新会员礼', reason: '新会员礼' }),
    ])
    expect((await t.json('GET', '/api/me', undefined, login.body.token)).body.tier.id).toBe('silver')
  })

  it('is not given by a program without one', async () => {
    await publishProgramVersion(t.db, {
      rules: fmcgTemplate,
      template: 'fmcg',
      note: null,
      publishedBy: 'test',
      now: t.clock.now(),
    })
    const token = await t.joinedMember('13612340002')
    expect((await t.json('GET', '/api/me', undefined, token)).body.points.balance).toBe(0)
  })
})
