import { beforeAll, describe, expect, it } from 'vitest'
import { operatorToken } from '../test/operator-fixtures'
import { memberWithCode, outletWithStaff } from '../test/staff-fixtures'
import { testAdminToken, useTestApp } from '../test/test-app'

describe('till limits: purchases above them wait for a store manager or operator', () => {
  const t = useTestApp()
  let till: Awaited<ReturnType<typeof outletWithStaff>>
  let managerToken: string
  let phoneSeq = 0
  const newMember = () => memberWithCode(t, `1390000${String(++phoneSeq).padStart(4, '0')}`)
  const purchase = async (amountFen: number, receiptNo: string, token = till.token) => {
    const member = await newMember()
    const answer = await t.json(
      'POST',
      '/api/staff/purchases',
      { code: await member.code(), amountFen, receiptNo },
      token,
    )
    return { ...answer, memberId: member.memberId }
  }
  const entriesOf = (memberId: string) =>
    t.db.selectFrom('ledger_entries').select(['ledger', 'amount']).where('member_id', '=', memberId).execute()
  const decide = (purchaseId: string, decision: 'approval' | 'refusal', token: string, body?: unknown) =>
    t.json('POST', `/api/admin/till-approvals/${purchaseId}/${decision}`, body ?? {}, token)
  const auditOf = (purchaseId: string) =>
    t.db.selectFrom('audit_log').select(['action', 'actor']).where('target_id', '=', purchaseId).execute()

  beforeAll(async () => {
    till = await outletWithStaff(t)
    managerToken = (await operatorToken(t, 'store_manager', till.outletId)).token
    const limits = { purchaseLimitFen: 10_000, dailyTotalFen: 25_000 } // ¥100 a receipt, ¥250 a staff's day
    expect(await t.json('PUT', '/api/admin/till-settings', limits, testAdminToken)).toEqual({
      status: 200,
      body: limits,
    })
  })

  it('holds a receipt above the per-purchase limit with no ledger entries until it is approved, once', async () => {
    const held = await purchase(15_000, 'TL-0001')
    expect(held).toMatchObject({
      status: 201,
      body: { status: 'pending', hold: { reason: 'purchase_limit', limitFen: 10_000 }, growth: 0, points: 0 },
    })
    expect(await entriesOf(held.memberId)).toEqual([])
    const orderId = `pos:${till.outletId}:TL-0001`
    expect(await t.db.selectFrom('orders').select('order_id').where('order_id', '=', orderId).execute()).toEqual([])
    const queue = await t.json('GET', '/api/admin/till-approvals', undefined, managerToken)
    expect(queue.body.purchases).toEqual([
      expect.objectContaining({ id: held.body.purchaseId, status: 'pending', paidFen: 15_000, receiptNo: 'TL-0001' }),
    ])
    expect(queue.body.settings).toEqual({ purchaseLimitFen: 10_000, dailyTotalFen: 25_000 })
    // Approved twice at the same moment: posted exactly once, the other decision is told it is no longer pending.
    const [first, second] = await Promise.all([
      decide(held.body.purchaseId, 'approval', managerToken),
      decide(held.body.purchaseId, 'approval', testAdminToken),
    ])
    expect([first.status, second.status].sort()).toEqual([200, 409])
    const approved = first.status === 200 ? first : second
    expect(approved.body).toMatchObject({ status: 'approved', growth: 150, decidedBy: expect.any(String) })
    expect((first.status === 409 ? first : second).body.error.code).toBe('PURCHASE_NOT_PENDING')
    expect((await entriesOf(held.memberId)).map((e) => e.ledger).sort()).toEqual(['growth', 'points'])
    expect(await auditOf(held.body.purchaseId)).toEqual([
      { action: 'till.purchase.approve', actor: approved.body.decidedBy },
    ])
    expect((await t.json('GET', '/api/admin/till-approvals', undefined, managerToken)).body.purchases).toEqual([])
  })

  it("holds what would take the staff's day above the daily total, even when purchases arrive at once", async () => {
    const staff = await outletWithStaff(t)
    const members = await Promise.all(Array.from({ length: 5 }, () => newMember()))
    const codes = await Promise.all(members.map((m) => m.code()))
    const answers = await Promise.all(
      codes.map((code, i) =>
        t.json('POST', '/api/staff/purchases', { code, amountFen: 9_000, receiptNo: `TL-D${i}` }, staff.token),
      ),
    )
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201])
    const statuses = answers.map((a) => a.body.status)
    expect(statuses.filter((s) => s === 'posted')).toHaveLength(2) // ¥180 of ¥250
    expect(answers.filter((a) => a.body.status === 'pending').map((a) => a.body.hold)).toEqual(
      Array.from({ length: 3 }, () => ({ reason: 'daily_total', limitFen: 25_000 })),
    )
    // Another staff's day is their own.
    expect((await purchase(9_000, 'TL-D9')).body.status).toBe('posted')
  })

  it('refuses with a reason: nothing is posted, it is audited, and it cannot be approved afterwards', async () => {
    const held = await purchase(20_000, 'TL-0002')
    const footprint = await entriesOf(held.memberId)
    expect(await decide(held.body.purchaseId, 'refusal', managerToken, {})).toMatchObject({
      status: 400,
      body: { error: { code: 'INVALID_REQUEST' } },
    })
    const refused = await decide(held.body.purchaseId, 'refusal', managerToken, { reason: '小票金额与实收不符' })
    expect(refused).toMatchObject({ status: 200, body: { status: 'refused', refusalReason: '小票金额与实收不符' } })
    expect(await decide(held.body.purchaseId, 'approval', testAdminToken)).toMatchObject({
      status: 409,
      body: { error: { code: 'PURCHASE_NOT_PENDING', details: { status: 'refused' } } },
    })
    expect(await entriesOf(held.memberId)).toEqual(footprint)
    expect((await auditOf(held.body.purchaseId)).map((a) => a.action)).toEqual(['till.purchase.refuse'])
    const refusedList = await t.json('GET', '/api/admin/till-approvals?status=refused', undefined, managerToken)
    expect(refusedList.body.purchases.map((p: { id: string }) => p.id)).toContain(held.body.purchaseId)
  })

  it("keeps a store manager to their own store's purchases; unknown ones are 404", async () => {
    const elsewhere = await outletWithStaff(t)
    const held = await purchase(50_000, 'TL-0003', elsewhere.token)
    expect(held.body.status).toBe('pending')
    const mine = await t.json('GET', '/api/admin/till-approvals', undefined, managerToken)
    expect(mine.body.purchases.map((p: { id: string }) => p.id)).not.toContain(held.body.purchaseId)
    expect((await decide(held.body.purchaseId, 'approval', managerToken)).body.error.code).toBe('OUTLET_FORBIDDEN')
    expect(await entriesOf(held.memberId)).toEqual([])
    const operator = (await operatorToken(t, 'operator')).token
    const all = await t.json('GET', '/api/admin/till-approvals', undefined, operator)
    expect(all.body.purchases.map((p: { id: string }) => p.id)).toContain(held.body.purchaseId)
    expect((await decide('tpu_00000000000000000000000000', 'approval', operator)).status).toBe(404)
  })

  it('lets the merchant change the limits (audited); a store manager may not', async () => {
    const limits = { purchaseLimitFen: 10_000, dailyTotalFen: 25_000 }
    expect((await t.json('PUT', '/api/admin/till-settings', limits, managerToken)).status).toBe(403)
    const owner = (await operatorToken(t, 'owner')).token
    const raised = { purchaseLimitFen: 30_000, dailyTotalFen: 100_000 }
    expect((await t.json('PUT', '/api/admin/till-settings', raised, owner)).body).toEqual(raised)
    expect((await t.json('GET', '/api/admin/till-settings', undefined, managerToken)).body).toEqual(raised)
    const audit = await t.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'till.settings.update')
      .execute()
    expect(JSON.parse(audit[audit.length - 1].detail)).toEqual({ before: limits, after: raised })
    expect((await purchase(20_000, 'TL-0004')).body.status).toBe('posted')
    expect(
      (await t.json('PUT', '/api/admin/till-settings', { purchaseLimitFen: 0, dailyTotalFen: 1 }, owner)).status,
    ).toBe(400)
  })
})
