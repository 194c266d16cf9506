import { beforeAll, describe, expect, it } from 'vitest'
import { audit } from '../audit/audit'
import { adminCall } from '../test/mall-fixtures'
import { operatorToken } from '../test/operator-fixtures'
import { testAdminToken, useTestApp } from '../test/test-app'

describe('the console audit log', () => {
  const t = useTestApp()
  let owner: { token: string; operator: { id: string; name: string } }
  let memberId: string
  let apiKeyActor: string
  const list = (query = '', token = owner.token) => t.json('GET', `/api/admin/audit-log?${query}`, undefined, token)

  beforeAll(async () => {
    owner = await operatorToken(t, 'owner')
    const token = await t.joinedMember('13600000001')
    memberId = (await t.json('GET', '/api/me', undefined, token)).body.member.id
    apiKeyActor = `api_key:${
      (await t.db.selectFrom('api_keys').select('id').where('name', '=', 'test admin').executeTakeFirstOrThrow()).id
    }`
    // 2026-11-22 (Shanghai): a system line; 2026-11-23: an API key's adjustment and the owner's phone reveal.
    t.clock.set('2026-11-22T03:00:00.000Z')
    await audit(t.db, {
      actor: 'system',
      action: 'job.ran',
      targetType: 'job',
      targetId: 'expiry',
      detail: { n: 1 },
      now: t.clock.now(),
    })
    t.clock.set('2026-11-23T02:00:00.000Z')
    await adminCall(
      t,
      'POST',
      `/api/admin/members/${memberId}/adjustments`,
      {
        ledger: 'points',
        amount: 10,
        reason: '测试积分',
      },
      'audit-log-adjust-1',
    )
    t.clock.set('2026-11-23T02:01:00.000Z')
    await t.json('POST', `/api/admin/members/${memberId}/phone-reveal`, {}, owner.token)
  })

  it('lists newest first with actors named and details parsed', async () => {
    const page = await list()
    expect(page.status).toBe(200)
    const ours = page.body.entries.filter((e: any) =>
      ['member.phone_revealed', 'ledger.adjust', 'job.ran'].includes(e.action),
    )
    expect(ours.map((e: any) => e.action)).toEqual(['member.phone_revealed', 'ledger.adjust', 'job.ran'])
    expect(ours[0]).toMatchObject({
      actor: `operator:${owner.operator.id}`,
      actorKind: 'operator',
      actorName: owner.operator.name,
      targetType: 'member',
      targetId: memberId,
      detail: { phoneMasked: '136****0001' },
    })
    expect(ours[1]).toMatchObject({
      actor: apiKeyActor,
      actorKind: 'api_key',
      actorName: 'test admin',
      detail: { ledger: 'points', amount: 10, reason: '测试积分' },
    })
    expect(ours[2]).toMatchObject({ actor: 'system', actorKind: 'system', actorName: '系统', detail: { n: 1 } })
  })

  it('filters by actor, action and business days, and pages by cursor', async () => {
    const byActor = await list(`actor=${encodeURIComponent(apiKeyActor)}`)
    expect(byActor.body.entries.every((e: any) => e.actor === apiKeyActor)).toBe(true)
    expect(byActor.body.entries.map((e: any) => e.action)).toContain('ledger.adjust')
    const byAction = await list('action=member.phone_revealed')
    expect(byAction.body.entries).toHaveLength(1)
    const dayBefore = await list('from=2026-11-22&to=2026-11-22')
    expect(dayBefore.body.entries.map((e: any) => e.action)).toEqual(['job.ran'])
    const day = await list(`from=2026-11-23&to=2026-11-23&actor=${encodeURIComponent(apiKeyActor)}`)
    expect(day.body.entries.map((e: any) => e.action)).toEqual(['ledger.adjust'])

    const all = (await list('limit=100')).body.entries.map((e: any) => e.id)
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const page: any = await list(`limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      expect(page.body.entries.length).toBeLessThanOrEqual(2)
      seen.push(...page.body.entries.map((e: any) => e.id))
      cursor = page.body.nextCursor
    } while (cursor)
    expect(seen).toEqual(all)
  })

  it('refuses bad filters (400) and callers without audit.read (403)', async () => {
    for (const query of ['from=2026-13-01', 'from=2026-11-23&to=2026-11-22', 'cursor=abc', 'limit=0', 'limit=101']) {
      const refused = await list(query)
      expect(refused.status, query).toBe(400)
      expect(refused.body.error.code).toBe('INVALID_REQUEST')
    }
    const operator = await operatorToken(t, 'operator')
    expect((await list('', operator.token)).status).toBe(403)
    expect((await list('', testAdminToken)).status).toBe(200)
  })
})
