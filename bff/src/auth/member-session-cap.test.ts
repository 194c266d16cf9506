import { describe, expect, it } from 'vitest'
import { useTestApp } from '../test/test-app'
import { maxSessionsPerMember } from './member-sessions'

describe('sessions per member are capped', () => {
  const t = useTestApp()

  it(`keeps the newest ${maxSessionsPerMember} open sessions of a member; a new login ends the oldest`, async () => {
    const tokens: string[] = []
    for (let i = 0; i < maxSessionsPerMember + 2; i += 1) {
      tokens.push((await t.json('POST', '/api/auth/local', { phone: '13800000501' })).body.token)
      t.clock.advanceMs(1_000)
    }
    await t.json('POST', '/api/members/join', {}, tokens.at(-1))
    const statuses = await Promise.all(
      tokens.map(async (token) => (await t.json('GET', '/api/me', undefined, token)).status),
    )
    expect(statuses).toEqual([401, 401, ...Array(maxSessionsPerMember).fill(200)])
    const open = await t.db
      .selectFrom('sessions')
      .innerJoin('members', 'members.id', 'sessions.member_id')
      .select('sessions.token_hash')
      .where('members.phone', '=', '13800000501')
      .where('sessions.revoked_at', 'is', null)
      .execute()
    expect(open).toHaveLength(maxSessionsPerMember)
    // Another member's sessions are not touched.
    const other = (await t.json('POST', '/api/auth/local', { phone: '13800000502' })).body.token
    expect((await t.json('POST', '/api/members/join', {}, other)).status).toBe(200)
    expect((await t.json('GET', '/api/me', undefined, tokens.at(-1))).status).toBe(200)
  })
})
