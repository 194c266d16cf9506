import { describe, expect, it } from 'vitest'
import {
  itemAvailability,
  redemptionStatusLabel,
  type AvailabilityItem,
  type AvailabilityMember,
} from './item-availability'
import { MallItemInput, RedeemBody } from './mall.schemas'

const now = new Date('2026-11-30T04:00:00Z')
const item: AvailabilityItem = {
  onSale: true,
  activeFrom: null,
  activeUntil: null,
  stock: 5,
  pointsPrice: 100,
  perMemberLimit: 3,
  minTierRank: null,
  minTierName: null,
}
const member: AvailabilityMember = { tierRank: 0, availablePoints: 1000, redeemedCount: 0 }

describe('itemAvailability', () => {
  it.each([
    ['redeemable: the least of stock, limit, points and 10', {}, {}, { redeemable: true, maxQuantity: 3 }],
    ['points bound the quantity', {}, { availablePoints: 250 }, { redeemable: true, maxQuantity: 2 }],
    ['stock binds the quantity', { stock: 1 }, {}, { redeemable: true, maxQuantity: 1 }],
    [
      'no limit and plenty: at most 10 at once',
      { perMemberLimit: null, stock: 99 },
      { availablePoints: 1e6 },
      { redeemable: true, maxQuantity: 10 },
    ],
    [
      'off sale comes first',
      { onSale: false, stock: 0 },
      { availablePoints: 0 },
      { redeemable: false, reason: 'off_sale', message: '该商品已下架' },
    ],
    [
      'not started',
      { activeFrom: '2026-12-01T00:00:00+08:00' },
      {},
      { redeemable: false, reason: 'not_started', message: '兑换尚未开始' },
    ],
    [
      'ended at the very instant',
      { activeUntil: now.toISOString() },
      {},
      { redeemable: false, reason: 'ended', message: '兑换已结束' },
    ],
    [
      'sold out before tier',
      { stock: 0, minTierRank: 2, minTierName: '黄金会员' },
      {},
      { redeemable: false, reason: 'sold_out', message: '已兑完' },
    ],
    [
      'tier locked',
      { minTierRank: 2, minTierName: '黄金会员' },
      { tierRank: 1 },
      { redeemable: false, reason: 'tier_locked', message: '黄金会员及以上专享' },
    ],
    [
      'the tier itself may redeem',
      { minTierRank: 2, minTierName: '黄金会员' },
      { tierRank: 2 },
      { redeemable: true, maxQuantity: 3 },
    ],
    [
      'limit reached',
      {},
      { redeemedCount: 3 },
      { redeemable: false, reason: 'limit_reached', message: '每人限兑 3 件，已达上限' },
    ],
    [
      'points short says by how much',
      {},
      { availablePoints: 40 },
      { redeemable: false, reason: 'points_short', message: '还差 60 积分' },
    ],
  ] as const)('%s', (_name, itemChange, memberChange, expected) => {
    expect(itemAvailability({ ...item, ...itemChange }, { ...member, ...memberChange }, now)).toEqual(expected)
  })
})

describe('redemptionStatusLabel', () => {
  it.each([
    ['pending_payment', 'pickup', false, '待支付'],
    ['completed', 'pickup', false, '待自提'],
    ['completed', 'pickup', true, '已自提'],
    ['completed', 'coupon', false, '已发券'],
    ['completed', 'delivery', false, '待发货'],
    ['completed', 'delivery', true, '已发货'],
    ['expired', 'delivery', false, '已超时'],
    ['cancelled', 'coupon', false, '已取消'],
    ['refunded', 'pickup', false, '已退款'],
  ])('%s %s handed over=%s → %s', (status, fulfilment, picked, label) => {
    expect(redemptionStatusLabel(status, fulfilment, picked)).toBe(label)
  })
})

describe('item and redemption schemas', () => {
  it.each([
    [{ title: '券', pointsPrice: 10, stock: 1, fulfilment: 'coupon' }, 'coupon'],
    [
      {
        title: '袋',
        pointsPrice: 10,
        stock: 1,
        fulfilment: 'pickup',
        coupon: { name: 'x', kind: 'cash_off', thresholdFen: 0, discountFen: 1, validDays: 1 },
      },
      'coupon',
    ],
    [{ title: '袋', pointsPrice: 0, stock: 1, fulfilment: 'pickup' }, 'pointsPrice'],
    [{ title: '袋', pointsPrice: 1.5, stock: 1, fulfilment: 'pickup' }, 'pointsPrice'],
    [{ title: '袋', pointsPrice: 1, cashFen: -1, stock: 1, fulfilment: 'pickup' }, 'cashFen'],
    [{ title: '袋', pointsPrice: 1, stock: -1, fulfilment: 'pickup' }, 'stock'],
    [
      {
        title: '袋',
        pointsPrice: 1,
        stock: 1,
        fulfilment: 'pickup',
        activeFrom: '2026-12-02T00:00:00Z',
        activeUntil: '2026-12-01T00:00:00Z',
      },
      'activeUntil',
    ],
    [
      { title: '袋', pointsPrice: 1, stock: 1, fulfilment: 'pickup', images: ['http://insecure.example/a.png'] },
      'images.0',
    ],
    [{ title: '', pointsPrice: 1, stock: 1, fulfilment: 'pickup' }, 'title'],
  ])('refuses %j at %s', (input, path) => {
    const result = MallItemInput.safeParse(input)
    expect(result.success).toBe(false)
    expect(result.error!.issues.map((i) => i.path.join('.'))).toContain(path)
  })

  it('fills the defaults a merchant would expect', () => {
    expect(MallItemInput.parse({ title: '袋', pointsPrice: 1, stock: 1, fulfilment: 'pickup' })).toMatchObject({
      description: '',
      images: [],
      cashFen: 0,
      perMemberLimit: null,
      minTierKey: null,
      coupon: null,
      onSale: true,
    })
  })

  it('a redemption asks for 1 to 10 units and a real address', () => {
    expect(RedeemBody.parse({ itemId: 'itm_1' }).quantity).toBe(1)
    expect(RedeemBody.safeParse({ itemId: 'itm_1', quantity: 11 }).success).toBe(false)
    expect(
      RedeemBody.safeParse({ itemId: 'itm_1', delivery: { name: '李', phone: '12345', address: '上海市某路 1 号' } })
        .success,
    ).toBe(false)
  })
})
