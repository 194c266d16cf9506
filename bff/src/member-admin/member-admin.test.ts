import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { adminCall } from '../test/mall-fixtures'
import { operatorToken } from '../test/operator-fixtures'
import { testAdminToken, useTestApp } from '../test/test-app'

const noMember = 'mbr_00000000000000000000000000'

describe('console member lookup, detail, phone reveal and coupons', () => {
  const t = useTestApp()
  let memberId: string
  let memberToken: string
  let cardNo: string
  let analyst: string
  let owner: { token: string; operator: { id: string } }

  const call = async (method: string, path: string, token: string, body?: unknown, key?: string) => {
    const response = await t.app.request(path, {
      method,
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        ...(key ? { 'idempotency-key': key } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    return { status: response.status, body: (await response.json()) as any }
  }
  const search = (query: string, token = testAdminToken) => call('GET', `/api/admin/members?${query}`, token)

  beforeAll(async () => {
    memberToken = await t.joinedMember('13812341234')
    memberId = (await t.json('GET', '/api/me', undefined, memberToken)).body.member.id
    await t.db.updateTable('members').set({ nickname: '张小花' }).where('id', '=', memberId).execute()
    await t.json('GET', '/api/me/member-code', undefined, memberToken)
    cardNo = (
      await t.db
        .selectFrom('member_codes')
        .select('card_no')
        .where('member_id', '=', memberId)
        .executeTakeFirstOrThrow()
    ).card_no
    for (const [i, name] of ['张三', '张三丰', '李四'].entries()) {
      const token = await t.joinedMember(`1390000000${i}`)
      const id = (await t.json('GET', '/api/me', undefined, token)).body.member.id
      await t.db.updateTable('members').set({ nickname: name }).where('id', '=', id).execute()
    }
    await adminCall(
      t,
      'POST',
      `/api/admin/members/${memberId}/adjustments`,
      {
        ledger: 'growth',
        amount: 600,
        reason: '测试升级',
      },
      'lookup-growth-1',
    )
    await adminCall(
      t,
      'POST',
      `/api/admin/members/${memberId}/adjustments`,
      {
        ledger: 'points',
        amount: 250,
        reason: '测试积分',
      },
      'lookup-points-1',
    )
    await t.json('POST', '/api/sign-in', {}, memberToken)
    analyst = (await operatorToken(t, 'analyst')).token
    owner = await operatorToken(t, 'owner')
  })

  it('finds a member by phone, spaced or not, masked even for the owner', async () => {
    for (const q of ['13812341234', '138 1234 1234']) {
      const found = await search(`q=${encodeURIComponent(q)}`, owner.token)
      expect(found.status).toBe(200)
      expect(found.body).toMatchObject({ matchedBy: 'phone', nextCursor: null })
      expect(found.body.members).toEqual([
        {
          id: memberId,
          nickname: '张小花',
          phone: '138****1234',
          phoneMasked: true,
          cardNo,
          joinedAt: expect.any(String),
          tier: { key: 'silver', name: expect.any(String) },
          sourceOutlet: null,
        },
      ])
    }
  })

  it('masks phones for an analyst, in the search and on the member page', async () => {
    const found = await search('q=13812341234', analyst)
    expect(found.body.members[0]).toMatchObject({ phone: '138****1234', phoneMasked: true })
    const detail = await call('GET', `/api/admin/members/${memberId}`, analyst)
    expect(detail.status).toBe(200)
    expect(detail.body.member).toMatchObject({ phone: '138****1234', phoneMasked: true })
    expect(JSON.stringify(detail.body)).not.toContain('13812341234')
  })

  it('finds a member by card number, and by the start of a nickname page by page', async () => {
    const byCard = await search(`q=${cardNo}`)
    expect(byCard.body.matchedBy).toBe('card')
    expect(byCard.body.members.map((m: any) => m.id)).toEqual([memberId])

    const first = await search(`q=${encodeURIComponent('张')}&limit=2`)
    expect(first.body.matchedBy).toBe('nickname')
    expect(first.body.members.map((m: any) => m.nickname)).toEqual(['张三丰', '张三'])
    expect(first.body.nextCursor).toEqual(first.body.members[1].id)
    const second = await search(`q=${encodeURIComponent('张')}&limit=2&cursor=${first.body.nextCursor}`)
    expect(second.body.members.map((m: any) => m.nickname)).toEqual(['张小花'])
    expect(second.body.nextCursor).toBeNull()

    expect((await search(`q=${encodeURIComponent('张三')}`)).body.members).toHaveLength(2)
    expect((await search(`q=${encodeURIComponent('张%')}`)).body.members).toEqual([])
    expect((await search('q=13800000000')).body).toEqual({ matchedBy: 'phone', members: [], nextCursor: null })
    const recent = await search('')
    expect(recent.body.matchedBy).toBe('recent')
    expect(recent.body.members).toHaveLength(4)
  })

  it('refuses a bad search with field errors, and a caller without members.read', async () => {
    const tooLong = await search(`q=${'x'.repeat(33)}`)
    expect(tooLong.status).toBe(400)
    expect(tooLong.body.error.code).toBe('INVALID_REQUEST')
    expect((await search('cursor=nonsense')).status).toBe(400)
    expect((await search('limit=0')).status).toBe(400)
    const outlet = await adminCall(t, 'POST', '/api/admin/outlets', { name: '测试门店' })
    const manager = await operatorToken(t, 'store_manager', outlet.body.id ?? outlet.body.outlet?.id)
    const refused = await search('q=13812341234', manager.token)
    expect(refused).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } })
  })

  it('shows the member page: standing as the member home computes it, tier history, lots, sign-ins', async () => {
    const detail = await call('GET', `/api/admin/members/${memberId}`, owner.token)
    expect(detail.status).toBe(200)
    const me = (await t.json('GET', '/api/me', undefined, memberToken)).body
    const { member: _member, tiers, ...standing } = me
    expect(detail.body.standing).toEqual(standing)
    expect(detail.body.tiers).toEqual(tiers)
    expect(detail.body.member).toMatchObject({ id: memberId, phone: '138****1234', phoneMasked: true, cardNo })
    expect(detail.body.tierChanges.map((c: any) => [c.kind, c.toKey])).toContainEqual(['upgrade', 'silver'])
    expect(detail.body.balances).toEqual({ growth: me.growth, points: me.points.balance, pointsHeld: 0 })
    expect(detail.body.lots.length).toBeGreaterThanOrEqual(2)
    expect(detail.body.holds).toEqual([])
    expect(detail.body.signIns).toEqual([expect.objectContaining({ kind: 'daily', cycleDay: 1 })])
    expect(detail.body.redemptions).toEqual([])
  })

  it('answers 404 for an unknown member and 400 for a malformed id', async () => {
    const missing = await call('GET', `/api/admin/members/${noMember}`, testAdminToken)
    expect(missing).toMatchObject({ status: 404, body: { error: { code: 'MEMBER_NOT_FOUND' } } })
    const reveal = await call('POST', `/api/admin/members/${noMember}/phone-reveal`, testAdminToken)
    expect(reveal).toMatchObject({ status: 404, body: { error: { code: 'MEMBER_NOT_FOUND' } } })
    const bad = await call('GET', `/api/admin/members/${'x'.repeat(65)}`, testAdminToken)
    expect(bad.status).toBe(400)
  })

  it('reveals the whole phone to those allowed, audited with who asked; an analyst is refused', async () => {
    const refused = await call('POST', `/api/admin/members/${memberId}/phone-reveal`, analyst)
    expect(refused).toMatchObject({
      status: 403,
      body: { error: { code: 'FORBIDDEN', details: { permission: 'members.phone' } } },
    })
    const revealed = await call('POST', `/api/admin/members/${memberId}/phone-reveal`, owner.token)
    expect(revealed).toEqual({ status: 200, body: { memberId, phone: '13812341234' } })
    const lines = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'member.phone_revealed').execute()
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatchObject({
      actor: `operator:${owner.operator.id}`,
      target_type: 'member',
      target_id: memberId,
    })
    expect(JSON.parse(lines[0].detail)).toEqual({ phoneMasked: '138****1234' })
  })

  it('issues a library benefit’s coupons and a coupon defined on the spot, once per key, audited', async () => {
    const key = `coupon-${randomUUID()}`
    const body = { benefitKey: 'coupon_pack_monthly', reason: '客诉补偿' }
    const issued = await call('POST', `/api/admin/members/${memberId}/coupons`, owner.token, body, key)
    expect(issued.status).toBe(201)
    expect(issued.body.benefitKey).toBe('coupon_pack_monthly')
    expect(issued.body.coupons.length).toBeGreaterThan(0)
    const again = await call('POST', `/api/admin/members/${memberId}/coupons`, owner.token, body, key)
    expect(again).toEqual({ status: 200, body: issued.body })
    const reused = await call(
      'POST',
      `/api/admin/members/${memberId}/coupons`,
      owner.token,
      { ...body, reason: '别的' },
      key,
    )
    expect(reused).toMatchObject({ status: 409, body: { error: { code: 'IDEMPOTENCY_KEY_REUSED' } } })

    const custom = await call(
      'POST',
      `/api/admin/members/${memberId}/coupons`,
      testAdminToken,
      {
        coupon: { name: '补偿券', kind: 'cash_off', thresholdFen: 0, discountFen: 500, count: 2, validDays: 7 },
        reason: '门店补偿',
      },
      `coupon-${randomUUID()}`,
    )
    expect(custom.status).toBe(201)
    expect(custom.body).toMatchObject({ memberId, benefitKey: 'admin_issue' })
    expect(custom.body.coupons).toHaveLength(2)

    const mine = await t.json('GET', '/api/me/coupons', undefined, memberToken)
    expect(mine.body.coupons.map((c: any) => c.id)).toEqual(
      expect.arrayContaining([...issued.body.coupons, ...custom.body.coupons].map((c: any) => c.id)),
    )
    const lines = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'member.coupon_issued').execute()
    expect(lines.map((l) => l.actor).sort()).toEqual(
      [`operator:${owner.operator.id}`, expect.stringMatching(/^api_key:/)].sort(),
    )
    // The member's own monthly claim is still open: a hand-issued grant is not their claim.
    const claim = await t.json('POST', '/api/me/benefits/coupon_pack_monthly/claim', {}, memberToken)
    expect(claim.status).toBe(201)
    const detail = await call('GET', `/api/admin/members/${memberId}`, owner.token)
    expect(detail.body.coupons.length).toBeGreaterThanOrEqual(issued.body.coupons.length + 2)
  })

  it('records the operator who adjusts or reverses, in the audit log and on the ledger entry', async () => {
    const adjusted = await call(
      'POST',
      `/api/admin/members/${memberId}/adjustments`,
      owner.token,
      { ledger: 'points', amount: 5, reason: '操作员调整' },
      `adjust-${randomUUID()}`,
    )
    expect(adjusted.status).toBe(201)
    const reversed = await call(
      'POST',
      `/api/admin/members/${memberId}/entries/${adjusted.body.entryId}/reversal`,
      owner.token,
      { reason: '操作员冲正' },
      `reverse-${randomUUID()}`,
    )
    expect(reversed.status).toBe(201)
    const actor = `operator:${owner.operator.id}`
    const lines = await t.db
      .selectFrom('audit_log')
      .select(['action', 'actor'])
      .where('target_id', '=', memberId)
      .where('action', 'in', ['ledger.adjust', 'ledger.reverse'])
      .where('actor', '=', actor)
      .execute()
    expect(lines.map((line) => line.action).sort()).toEqual(['ledger.adjust', 'ledger.reverse'])
    const entries = await t.db
      .selectFrom('ledger_entries')
      .select(['actor', 'actor_id'])
      .where('id', 'in', [adjusted.body.entryId, reversed.body.entryId])
      .execute()
    expect(entries).toEqual([
      { actor: 'admin', actor_id: actor },
      { actor: 'admin', actor_id: actor },
    ])
  })

  it('refuses coupon requests that are malformed, unknown or not grants', async () => {
    const post = (body: unknown, id = memberId, token = testAdminToken) =>
      call('POST', `/api/admin/members/${id}/coupons`, token, body, `coupon-${randomUUID()}`)
    expect((await post({ reason: '只有原因' })).status).toBe(400)
    expect((await post({ benefitKey: 'coupon_pack_monthly' })).status).toBe(400)
    const both = await post({
      benefitKey: 'coupon_pack_monthly',
      coupon: { name: '券', kind: 'cash_off', thresholdFen: 0, discountFen: 1, count: 1, validDays: 1 },
      reason: '两者都给',
    })
    expect(both.status).toBe(400)
    expect((await post({ benefitKey: 'no_such', reason: '未知权益' })).body.error.code).toBe('BENEFIT_NOT_FOUND')
    expect((await post({ benefitKey: 'member_price', reason: '不是券' })).body.error.code).toBe('BENEFIT_NOT_CLAIMABLE')
    expect((await post({ benefitKey: 'coupon_pack_monthly', reason: '无人' }, noMember)).status).toBe(404)
    const noKey = await call('POST', `/api/admin/members/${memberId}/coupons`, testAdminToken, {
      benefitKey: 'coupon_pack_monthly',
      reason: '没有幂等键',
    })
    expect(noKey.status).toBe(400)
    expect((await post({ benefitKey: 'coupon_pack_monthly', reason: '分析员' }, memberId, analyst)).status).toBe(403)
  })
})
