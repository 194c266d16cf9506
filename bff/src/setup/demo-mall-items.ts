import { MallItemInput } from '@mc/shared'
import { demoImagePath } from '../mall/demo-images.routes'

/**
 * The demo's points mall: one item of each kind a merchant starts with, so every shopper flow can be tried on
 * a first start. Prices sit around what the demo shoppers hold (a few hundred to a few thousand points). Each has
 * a picture drawn for the demo (bff/demo/mall-images), so the mall looks stocked rather than like placeholders.
 */
export const demoMallItems = [
  {
    title: '品牌帆布袋',
    images: [demoImagePath('canvas-bag.svg')],
    description: '加厚帆布，容量 12 升。兑换时选择自提门店，凭取货码到店领取。',
    pointsPrice: 300,
    stock: 50,
    perMemberLimit: 2,
    fulfilment: 'pickup',
  },
  {
    title: '满50减5元券',
    images: [demoImagePath('coupon-50-off-5.svg')],
    description: '全场通用，兑换后立即发放到「我的优惠券」，30 天内有效。',
    pointsPrice: 100,
    stock: 500,
    perMemberLimit: 5,
    fulfilment: 'coupon',
    coupon: { name: '满50减5', kind: 'cash_off', thresholdFen: 5000, discountFen: 500, validDays: 30 },
  },
  {
    title: '不锈钢保温杯',
    images: [demoImagePath('thermos.svg')],
    description: '500 毫升，12 小时保温。积分加现金兑换，包邮到家。',
    pointsPrice: 800,
    cashFen: 1990,
    stock: 20,
    perMemberLimit: 1,
    fulfilment: 'delivery',
  },
  {
    title: '精品咖啡豆 250g',
    images: [demoImagePath('coffee-beans.svg')],
    description: '门店现磨，积分加现金兑换，到店自提。',
    pointsPrice: 500,
    cashFen: 990,
    stock: 30,
    fulfilment: 'pickup',
  },
  {
    title: '黄金会员专享礼盒',
    images: [demoImagePath('gold-gift-box.svg')],
    description: '黄金会员及以上可兑，限量供应。',
    pointsPrice: 1500,
    stock: 10,
    perMemberLimit: 1,
    minTierKey: 'gold',
    fulfilment: 'pickup',
  },
].map((item) => MallItemInput.parse(item))
