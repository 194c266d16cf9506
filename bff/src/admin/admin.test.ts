import { beforeAll, describe, expect, it } from 'vitest'
import { testAdminToken, useTestApp } from '../test/test-app'

describe('admin adjustments and ledger view', () => {
  const t = useTestApp()
  let memberId: string
  let memberToken: string
  const adjust = (body: unknown, key: string, token = testAdminToken, id = memberId) =>
    Promise.resolve(
      t.app.request(`/api/admin/members/${id}/adjustments`, {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': key },
      }),
    ).then(async (r) => ({ status: r.status, body: (await r.json()) as any }))

  beforeAll(async () => {
    memberToken = await t.joinedMember('13100000001')
    memberId = (await t.json('GET', '/api/me', undefined, memberToken)).body.member.id
  })

  it('credits points with the reason the member reads, audited, once per idempotency key', async () => {
    const first = await adjust({ ledger: 'points', amount: 300, reason: '客服补偿' }, 'adj-0001')
    expect(first).toMatchObject({ status: 201, body: { ledger: 'points', amount: 300, balanceAfter: 300 } })
    const again = await adjust({ ledger: 'points', amount: 300, reason: '客服补偿' }, 'adj-0001')
    expect(again).toEqual({ status: 200, body: first.body })
    const other = await adjust({ ledger: 'points', amount: 301, reason: '客服补偿' }, 'adj-0001')
    expect(other).toMatchObject({
      status: 409,
      body: { error: { code: 'IDEMPOTENCY_KEY_REUSED', details: { differingFields: ['amount'] } } },
    })
    const history = await t.json('GET', '/api/me/points', undefined, memberToken)
    expect(history.body.entries).toEqual([
      expect.objectContaining({
        amount: 300,
        kind: 'adjustment',
        kindLabel: '人工调整',
        reason: '人工调整：客服补偿',
        balanceAfter: 300,
      }),
    ])
    const audit = await t.db.selectFrom('audit_log').selectAll().execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ action: 'ledger.adjust', target_id: memberId })
  })

  it('shows the console each entry with its rule version and who posted it', async () => {
    const ledger = await t.json('GET', `/api/admin/members/${memberId}/ledger?ledger=points`, undefined, testAdminToken)
    expect(ledger.status).toBe(200)
    expect(ledger.body.entries).toEqual([
      expect.objectContaining({
        amount: 300,
        reason: '人工调整：客服补偿',
        ruleVersion: 1,
        actor: 'admin',
        actorId: expect.stringMatching(/^api_key:/),
        reversesEntryId: null,
      }),
    ])
  })

  it('refuses a debit beyond the balance and writes nothing', async () => {
    const refused = await adjust({ ledger: 'growth', amount: -1, reason: '测试扣减' }, 'adj-0002')
    expect(refused).toMatchObject({ status: 409, body: { error: { code: 'GROWTH_INSUFFICIENT' } } })
    expect(await t.db.selectFrom('audit_log').select('id').execute()).toHaveLength(1)
  })

  it('upgrades at once when a growth credit crosses a threshold', async () => {
    const result = await adjust({ ledger: 'growth', amount: 600, reason: '老会员迁移补录' }, 'adj-0003')
    expect(result.body.tierChange).toEqual({ from: 'regular', to: 'silver' })
  })

  it.each([
    [{ ledger: 'points', amount: 0, reason: '零' }, 'amount'],
    [{ ledger: 'points', amount: 1.5, reason: '小数' }, 'amount'],
    [{ ledger: 'coins', amount: 1, reason: '未知账户' }, 'ledger'],
    [{ ledger: 'points', amount: 1, reason: '' }, 'reason'],
  ])('rejects %j at field %s', async (body, path) => {
    const response = await adjust(body, `adj-bad-${path}`)
    expect(response.status).toBe(400)
    expect(response.body.error.details.issues[0].path).toBe(path)
  })

  it('needs the admin credential: a member token gets 403, no token 401; an unknown member is 404', async () => {
    expect((await adjust({ ledger: 'points', amount: 1, reason: '越权尝试' }, 'adj-0004', memberToken)).status).toBe(
      403,
    )
    const anonymous = await t.app.request(`/api/admin/members/${memberId}/ledger?ledger=points`)
    expect(anonymous.status).toBe(401)
    const unknown = await t.app.request('/api/admin/members/mbr_unknown/ledger?ledger=points', {
      headers: { authorization: `Bearer ${testAdminToken}` },
    })
    expect(unknown.status).toBe(404)
    expect((await unknown.json()).error.code).toBe('MEMBER_NOT_FOUND')
    const missingKey = await t.app.request(`/api/admin/members/${memberId}/adjustments`, {
      method: 'POST',
      body: JSON.stringify({ ledger: 'points', amount: 1, reason: '没有幂等键' }),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${testAdminToken}` },
    })
    expect(missingKey.status).toBe(400)
  })
})
