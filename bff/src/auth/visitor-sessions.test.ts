import { describe, expect, it } from 'vitest'
import { runDailyJobs } from '../jobs/run-daily-jobs'
import { useTestApp } from '../test/test-app'
import { issueVisitorSession } from './visitor-sessions'

describe('visitor sessions (logged in, not joined)', () => {
  const t = useTestApp({ sessionTtlHours: 24 }, { verifyLedgers: false })
  const visitorsWithPhone = (phone: string) =>
    t.db.selectFrom('visitor_sessions').select('expires_at').where('phone', '=', phone).execute()

  it('an expired visitor token cannot join, and joining leaves no member behind', async () => {
    t.clock.set('2026-11-23T02:00:00.000Z')
    const login = await t.json('POST', '/api/auth/local', { phone: '13700000001' })
    t.clock.set('2026-11-24T02:00:00.000Z')
    const join = await t.json('POST', '/api/members/join', {}, login.body.token)
    expect(join).toMatchObject({ status: 401, body: { error: { code: 'SESSION_EXPIRED' } } })
    expect(await t.db.selectFrom('members').select('id').where('phone', '=', '13700000001').execute()).toEqual([])
  })

  it('the daily job drops visitor sessions past their expiry and keeps the live ones', async () => {
    t.clock.set('2026-12-01T02:00:00.000Z')
    await t.json('POST', '/api/auth/local', { phone: '13700000002' })
    t.clock.set('2026-12-01T20:00:00.000Z')
    const live = await t.json('POST', '/api/auth/local', { phone: '13700000003' })
    t.clock.set('2026-12-02T03:00:00.000Z')
    expect((await runDailyJobs(t.db, t.clock.now(), 'test')).ran).toBe(true)
    expect(await visitorsWithPhone('13700000002')).toEqual([])
    expect(await visitorsWithPhone('13700000003')).toEqual([{ expires_at: live.body.expiresAt }])
    expect((await t.json('POST', '/api/members/join', {}, live.body.token)).status).toBe(200)
  })

  it('a WeChat visitor joining carries the session key over and leaves no visitor row', async () => {
    t.clock.set('2026-12-03T02:00:00.000Z')
    // What a WeChat login leaves for someone new, written as the login does (the WeChat exchange has its own spec).
    const wechat = { kind: 'wechat', openid: 'o_visitor_0001', unionid: 'u_0001', sessionKey: 'key-0001' } as const
    const { token } = await issueVisitorSession(t.db, wechat, t.clock.now(), 24)
    const join = await t.json('POST', '/api/members/join', {}, token)
    expect(join.status).toBe(200)
    const member = await t.db
      .selectFrom('members')
      .innerJoin('wechat_sessions', 'wechat_sessions.member_id', 'members.id')
      .select(['members.id', 'unionid', 'session_key', 'phone'])
      .where('openid', '=', 'o_visitor_0001')
      .executeTakeFirstOrThrow()
    expect(member).toEqual({ id: join.body.member.id, unionid: 'u_0001', session_key: 'key-0001', phone: null })
    const left = await t.db.selectFrom('visitor_sessions').select('token_hash').where('openid', '=', 'o_visitor_0001')
    expect(await left.execute()).toEqual([])
  })
})
