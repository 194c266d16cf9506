import { randomUUID } from 'node:crypto'
import { testAdminToken, type TestApp } from './test-app'

let phones = 0

/** A joined member with `points` credited through an audited admin adjustment (the real posting path). */
export async function memberWithPoints(t: TestApp, points: number) {
  phones += 1
  const phone = `1360${String(process.pid % 1000).padStart(3, '0')}${String(phones).padStart(4, '0')}`
  const token = await t.joinedMember(phone)
  const memberId = (await t.json('GET', '/api/me', undefined, token)).body.member.id as string
  if (points > 0)
    await adminCall(
      t,
      'POST',
      `/api/admin/members/${memberId}/adjustments`,
      { ledger: 'points', amount: points, reason: '测试积分' },
      `seed-${randomUUID()}`,
    )
  return { token, memberId }
}

export async function adminCall(t: TestApp, method: string, path: string, body?: unknown, idempotencyKey?: string) {
  const response = await t.app.request(path, {
    method,
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${testAdminToken}`,
      ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return { status: response.status, body: (await response.json()) as any }
}

/** Creates an item through the admin API; points only, pickup, plenty of stock unless told otherwise. */
export async function mallItem(t: TestApp, fields: Record<string, unknown> = {}) {
  const created = await adminCall(t, 'POST', '/api/admin/mall/items', {
    title: '帆布袋',
    pointsPrice: 60,
    stock: 100,
    fulfilment: 'pickup',
    ...fields,
  })
  if (created.status !== 201) throw new Error(`item not created: ${JSON.stringify(created.body)}`)
  return created.body.item as { id: string; stock: number }
}

/** A redemption as the mini-program sends it: JSON body and an Idempotency-Key saved before sending. */
export async function redeem(t: TestApp, token: string, body: Record<string, unknown>, key: string = randomUUID()) {
  const response = await t.app.request('/api/mall/redemptions', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': key },
    body: JSON.stringify(body),
  })
  return { status: response.status, body: (await response.json()) as any }
}

/** The member's points account and stock of the item, straight from the tables. */
export async function pointsAndStock(t: TestApp, memberId: string, itemId: string) {
  const account = await t.db
    .selectFrom('ledger_accounts')
    .select(['balance', 'held'])
    .where('member_id', '=', memberId)
    .where('ledger', '=', 'points')
    .executeTakeFirst()
  const item = await t.db.selectFrom('mall_items').select('stock').where('id', '=', itemId).executeTakeFirstOrThrow()
  return { balance: account?.balance ?? 0, held: account?.held ?? 0, stock: item.stock }
}
