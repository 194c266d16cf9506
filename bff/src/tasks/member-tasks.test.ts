import type { MemberTask } from '@mc/shared'
import { describe, expect, it } from 'vitest'
import { useTestApp } from '../test/test-app'

let phones = 0
const nextPhone = () => `1391${String(process.pid % 1000).padStart(3, '0')}${String(++phones).padStart(4, '0')}`

/** The member's entries of one kind, oldest first. */
const entriesOf = (t: ReturnType<typeof useTestApp>, memberId: string, kind: string) =>
  t.db
    .selectFrom('ledger_entries')
    .select(['id', 'ledger', 'amount', 'reason', 'reverses_entry_id', 'business_day'])
    .where('member_id', '=', memberId)
    .where('kind', '=', kind)
    .orderBy('created_at')
    .orderBy('id')
    .execute()

const sum = (rows: { ledger: string; amount: number }[], ledger: string) =>
  rows.filter((row) => row.ledger === ledger).reduce((total, row) => total + row.amount, 0)

describe('member tasks: the list and the share callback (FMCG rules)', () => {
  const t = useTestApp()
  const member = async () => {
    const token = await t.joinedMember(nextPhone())
    const id = (await t.json('GET', '/api/me', undefined, token)).body.member.id as string
    return { token, id }
  }
  const tasks = async (token: string) => {
    const answer = await t.json('GET', '/api/me/tasks', undefined, token)
    expect(answer.status).toBe(200)
    const listed = answer.body.tasks as MemberTask[]
    return Object.fromEntries(listed.map((task) => [task.key, task])) as Record<MemberTask['key'], MemberTask>
  }

  it('lists each task with its reward, once or daily, and nothing done for a new member', async () => {
    const { token } = await member()
    const answer = await t.json('GET', '/api/me/tasks', undefined, token)
    expect(answer.status).toBe(200)
    expect(answer.body.businessDay).toBe('2026-11-23')
    expect(answer.body.tasks).toEqual([
      expect.objectContaining({ key: 'profile_completed', cadence: 'once', reward: { growth: 50, points: 100 } }),
      expect.objectContaining({ key: 'first_order', cadence: 'once', reward: { growth: 100, points: 100 } }),
      expect.objectContaining({ key: 'sign_in', cadence: 'daily', reward: { growth: 2, points: 5 } }),
      expect.objectContaining({
        key: 'share',
        cadence: 'daily',
        reward: { growth: 5, points: 5 },
        dailyCap: { growth: 10, points: 10 },
        earnedToday: { growth: 0, points: 0 },
      }),
      expect.objectContaining({ key: 'review', cadence: 'daily', reward: { growth: 10, points: 10 } }),
    ])
    expect(answer.body.tasks.map((task: { done: boolean }) => task.done)).toEqual([false, false, false, false, false])
  })

  it('shows the profile, sign-in and share tasks done once the member did them', async () => {
    const { token } = await member()
    const profile = { nickname: '林小夏', gender: 'female', birthday: '1990-05-17', region: ['广东省', '深圳市'] }
    expect((await t.json('PATCH', '/api/me/profile', profile, token)).status).toBe(200)
    expect((await t.json('POST', '/api/sign-in', {}, token)).status).toBe(201)
    for (let i = 0; i < 2; i += 1)
      expect((await t.json('POST', '/api/me/tasks/share', undefined, token)).status).toBe(201)
    const listed = await tasks(token)
    expect(listed.profile_completed.done).toBe(true)
    expect(listed.sign_in).toMatchObject({ done: true, earnedToday: { growth: 2, points: 5 } })
    expect(listed.share).toMatchObject({ done: true, earnedToday: { growth: 10, points: 10 } })
    expect(listed.first_order.done).toBe(false)
  })

  it('credits shares up to the daily cap, then 0, and again the next business day', async () => {
    const { token, id } = await member()
    const answers = []
    for (let i = 0; i < 3; i += 1) answers.push(await t.json('POST', '/api/me/tasks/share', undefined, token))
    expect(answers.map((a) => [a.status, a.body.rewarded])).toEqual([
      [201, { growth: 5, points: 5 }],
      [201, { growth: 5, points: 5 }],
      [201, { growth: 0, points: 0 }],
    ])
    const shares = (await entriesOf(t, id, 'share')).map((e) => [e.ledger, e.amount, e.reason].join(' '))
    expect(shares.sort()).toEqual([
      'growth 5 分享给好友',
      'growth 5 分享给好友',
      'points 5 分享给好友',
      'points 5 分享给好友',
    ])
    t.clock.advanceMs(15 * 3600_000) // 01:00 in Shanghai, the next business day
    try {
      const tomorrow = await t.json('POST', '/api/me/tasks/share', undefined, token)
      expect(tomorrow.body).toEqual({ businessDay: '2026-11-24', rewarded: { growth: 5, points: 5 } })
    } finally {
      t.clock.advanceMs(-15 * 3600_000)
    }
  })

  it('credits exactly the cap when twenty shares arrive at once', async () => {
    const { token, id } = await member()
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => t.json('POST', '/api/me/tasks/share', undefined, token)),
    )
    expect(answers.every((a) => a.status === 201)).toBe(true)
    expect(answers.filter((a) => a.body.rewarded.growth > 0)).toHaveLength(2)
    const shares = await entriesOf(t, id, 'share')
    expect([sum(shares, 'growth'), sum(shares, 'points'), shares.length]).toEqual([10, 10, 4])
  })

  it('refuses a share without a session or before joining, and writes nothing', async () => {
    expect((await t.json('POST', '/api/me/tasks/share')).status).toBe(401)
    const login = await t.json('POST', '/api/auth/local', { phone: nextPhone() })
    const answer = await t.json('POST', '/api/me/tasks/share', undefined, login.body.token)
    expect(answer).toMatchObject({ status: 403, body: { error: { code: 'MEMBER_NOT_JOINED' } } })
    expect((await t.json('GET', '/api/me/tasks', undefined, login.body.token)).status).toBe(403)
  })
})
