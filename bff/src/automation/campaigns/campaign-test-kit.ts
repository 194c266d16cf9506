import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import type { TestApp } from '../../test/test-app'
import { testAdminToken } from '../../test/test-app'

/**
 * `count` joined members `${prefix}0001`… (sorted ids), nicknames 会员1…, phones 139 + `phoneStart + n`, joined a year
 * before the specs' clock.
 */
export async function insertPlainMembers(db: Kysely<Database>, prefix: string, count: number, phoneStart = 0) {
  const ids = Array.from({ length: count }, (_, i) => `${prefix}${String(i + 1).padStart(4, '0')}`)
  for (let i = 0; i < ids.length; i += 200) {
    await db
      .insertInto('members')
      .values(
        ids.slice(i, i + 200).map((id, j) => ({
          id,
          nickname: `会员${i + j + 1}`,
          phone: `139${String(phoneStart + i + j + 1).padStart(8, '0')}`,
          joined_at: '2025-12-01T02:00:00.000Z',
          source_outlet_id: null,
          source_channel: null,
          birthday: null,
          created_at: '2025-12-01T02:00:00.000Z',
        })),
      )
      .execute()
  }
  return ids
}

/** A saved segment of every joined member whose id starts with nothing in particular: `{}` narrowed by `filter`. */
export async function savedSegment(t: TestApp, filter: object = {}, name = '全部会员') {
  const answer = await t.json('POST', '/api/admin/segments', { name, filter }, testAdminToken)
  if (answer.status !== 201) throw new Error(JSON.stringify(answer.body))
  return answer.body.id as string
}

export const coupon = { name: '满100减20', thresholdFen: 10_000, discountFen: 2_000, validDays: 14 }
export const copyA = { title: '{会员昵称}，送你一张券', body: '{等级}专享{优惠券}，{券有效期至}前有效。' }
export const copyB = { title: '{会员昵称}，新品上市', body: '{等级}会员，来看看本周新品。' }

/** A campaign body with defaults: one variant with a coupon, 10% holdout, now. */
export const campaignBody = (segmentId: string, change: Record<string, unknown> = {}) => ({
  name: '双十二',
  segmentId,
  category: 'offers',
  variants: [{ copy: copyA, coupon }],
  holdoutPercent: 10,
  budgetCoupons: 1000,
  stopAtBudget: false,
  scheduledAt: null,
  ...change,
})
