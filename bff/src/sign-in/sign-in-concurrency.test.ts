import { describe, expect, it } from 'vitest'
import { verifyLedgers } from '../ledger/verify-ledgers'
import { useTestApp } from '../test/test-app'
import { at, entriesOf, grantPoints, makeUp, memberJoinedAt, signIn, signInOn, signInRowsOf } from './sign-in-test-kit'

describe('sign-ins racing', () => {
  const t = useTestApp({ sessionTtlHours: 24 * 365 })

  it('50 parallel sign-ins from one member: exactly one reward, 49 clear ALREADY_SIGNED_IN answers', async () => {
    const { token, memberId } = await memberJoinedAt(t, '13710000001', '2026-11-23 09:00')
    const answers = await Promise.all(Array.from({ length: 50 }, () => signIn(t, token)))
    const won = answers.filter((a) => a.status === 201)
    const refused = answers.filter((a) => a.status === 409)
    expect(won).toHaveLength(1)
    expect(won[0].body).toMatchObject({ businessDay: '2026-11-23', streak: 1, rewards: { growth: 2, points: 5 } })
    expect(refused).toHaveLength(49)
    for (const answer of refused)
      expect(answer.body.error).toMatchObject({ code: 'ALREADY_SIGNED_IN', message: '今天已签到' })
    expect(await signInRowsOf(t, memberId)).toHaveLength(1)
    expect((await entriesOf(t, memberId)).map((e) => [e.ledger, e.amount])).toEqual([
      ['growth', 2],
      ['points', 5],
    ])
    expect(await verifyLedgers(t.db)).toEqual([])
  }, 30_000)

  it('parallel make-ups never exceed the monthly limit, and race a daily sign-in without deadlock', async () => {
    const { token, memberId } = await memberJoinedAt(t, '13710000002', '2026-11-01 09:00')
    await grantPoints(t, memberId, 500)
    t.clock.set(at('2026-11-23 10:00'))
    const days = ['2026-11-10', '2026-11-11', '2026-11-12', '2026-11-13', '2026-11-14']
    const answers = await Promise.all([
      ...days.map((day) => makeUp(t, token, day)),
      ...Array.from({ length: 5 }, () => signIn(t, token)),
    ])
    const makeUps = answers.slice(0, 5)
    expect(makeUps.filter((a) => a.status === 201)).toHaveLength(2) // FMCG: two make-ups a month
    for (const refused of makeUps.filter((a) => a.status !== 201))
      expect(refused.body.error.code).toBe('MAKE_UP_LIMIT_REACHED')
    expect(answers.slice(5).filter((a) => a.status === 201)).toHaveLength(1)
    const rows = await signInRowsOf(t, memberId)
    expect(rows.filter((r) => r.kind === 'make_up')).toHaveLength(2)
    expect(rows.filter((r) => r.kind === 'daily')).toHaveLength(1)
    const points = (await entriesOf(t, memberId))
      .filter((e) => e.ledger === 'points')
      .reduce((sum, e) => sum + e.amount, 0)
    expect(points).toBe(500 - 2 * 20 + 3 * 5)
  }, 30_000)

  it('a sign-in after a make-up that joined two runs continues the joined streak', async () => {
    const { token, memberId } = await memberJoinedAt(t, '13710000003', '2026-11-01 09:00')
    await grantPoints(t, memberId, 100)
    await signInOn(t, token, ['2026-11-18', '2026-11-19', '2026-11-21'])
    t.clock.set(at('2026-11-21 12:00'))
    expect((await makeUp(t, token, '2026-11-20')).body).toMatchObject({ streak: 4, cycleDay: 3 })
    const [next] = await signInOn(t, token, ['2026-11-22'])
    expect(next.body).toMatchObject({ streak: 5, cycleDay: 5 })
  })
})
