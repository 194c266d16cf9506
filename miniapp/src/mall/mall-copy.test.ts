import { describe, expect, it } from 'vitest'
import {
  pickupDeadlineText,
  activePeriodText,
  checkDelivery,
  countdownText,
  fulfilmentNote,
  couponSpecText,
  groupCouponCode,
  groupPickupCode,
  imageSrc,
  limitBadge,
  pointsAfterText,
  priceLabel,
  redemptionTimeRows,
  secondsUntil,
  settledCashierText,
  shownStatus,
  statusHint,
  statusTone,
  stockText,
  tierBadge,
} from './mall-copy'

describe('prices', () => {
  it.each([
    [1200, 0, 1, '1,200 积分'],
    [800, 990, 1, '800 积分 + ¥9.90'],
    [800, 990, 3, '2,400 积分 + ¥29.70'],
    [50, 0, 10, '500 积分'],
  ])('priceLabel(%d, %d, ×%d) is %s', (points, cash, quantity, text) =>
    expect(priceLabel(points, cash, quantity)).toBe(text),
  )
})

describe('badges', () => {
  it.each([
    ['黄金会员', '黄金及以上'],
    ['白银会员', '白银及以上'],
    ['钻石', '钻石及以上'],
    ['会员', '会员及以上'],
  ])('tierBadge(%s) is %s', (name, text) => expect(tierBadge(name)).toBe(text))

  it('limitBadge and stockText', () => {
    expect(limitBadge(null)).toBeNull()
    expect(limitBadge(2)).toBe('限兑 2 件')
    expect(stockText(36)).toBe('剩余 36 件')
    expect(stockText(0)).toBe('已兑完')
    expect(stockText(-1)).toBe('已兑完')
  })

  it('couponSpecText names the face value and how long it lasts', () => {
    const spec = { name: '满减券', kind: 'cash_off' as const, thresholdFen: 5000, discountFen: 1000, validDays: 30 }
    expect(couponSpecText(spec)).toBe('满 50 减 10 · 兑换后 30 天内有效')
    expect(couponSpecText({ ...spec, thresholdFen: 0, discountFen: 550 })).toBe('无门槛减 5.50 · 兑换后 30 天内有效')
    expect(couponSpecText({ ...spec, kind: 'free_shipping', validDays: 7 })).toBe('包邮券 · 兑换后 7 天内有效')
  })
})

describe('active period (Asia/Shanghai)', () => {
  it.each([
    [null, null, '长期有效'],
    ['2026-11-01T00:00:00Z', null, '2026-11-01 08:00 起'],
    [null, '2026-11-30T15:59:00Z', '至 2026-11-30 23:59'],
    ['2026-11-01T00:00:00Z', '2026-11-30T15:59:00Z', '2026-11-01 08:00 至 2026-11-30 23:59'],
  ])('%s – %s reads %s', (from, until, text) => expect(activePeriodText(from, until)).toBe(text))
})

describe('codes', () => {
  it.each([
    ['1234567890', '123 456 7890'],
    ['0012300000', '001 230 0000'],
    ['123456789', '123456789'],
    ['12345678901', '12345678901'],
    ['abcdefghij', 'abcdefghij'],
    ['', ''],
  ])('groupPickupCode(%j) is %j', (code, text) => expect(groupPickupCode(code)).toBe(text))

  it.each([
    ['ABCDEFGHJKMNPQRS', 'ABCD EFGH JKMN PQRS'],
    ['ABCDE', 'ABCD E'],
    ['ABCD', 'ABCD'],
    ['', ''],
  ])('groupCouponCode(%j) is %j', (code, text) => expect(groupCouponCode(code)).toBe(text))
})

describe('countdown', () => {
  const expiresAt = '2026-11-02T00:15:00.000Z'
  const start = Date.parse('2026-11-02T00:00:00.000Z')
  it.each([
    [0, 900],
    [1, 900],
    [999, 900],
    [1000, 899],
    [899_001, 1],
    [900_000, 0],
    [1_000_000, 0],
  ])('secondsUntil at +%ims is %i', (elapsed, left) => expect(secondsUntil(expiresAt, start + elapsed)).toBe(left))

  it('secondsUntil of an unreadable time is 0', () => expect(secondsUntil('soon', start)).toBe(0))

  it.each([
    [900, '15:00'],
    [899, '14:59'],
    [61, '01:01'],
    [9, '00:09'],
    [0, '00:00'],
    [-5, '00:00'],
    [3600, '1:00:00'],
    [3725, '1:02:05'],
    [59.9, '00:59'],
  ])('countdownText(%d) is %s', (seconds, text) => expect(countdownText(seconds)).toBe(text))
})

describe('status', () => {
  it.each([
    ['pending_payment', 'pending'],
    ['completed', 'done'],
    ['expired', 'closed'],
    ['cancelled', 'closed'],
    ['refunded', 'closed'],
  ] as const)('%s reads as %s', (status, tone) => expect(statusTone(status)).toBe(tone))

  it('statusHint explains what happens next', () => {
    expect(statusHint('completed', 'pickup', null)).toBe('凭取货码到门店领取，请向店员出示')
    expect(statusHint('completed', 'pickup', '2026-11-02T15:59:27Z')).toBe('已于 2026-11-02 23:59 在门店领取')
    expect(statusHint('completed', 'coupon', null)).toBe('优惠券已发放到「我的优惠券」')
    expect(statusHint('completed', 'delivery', null)).toBe('商家将尽快安排发货')
    expect(statusHint('completed', 'delivery', null, '2026-11-02T15:59:27Z')).toBe(
      '已于 2026-11-02 23:59 发货，可凭运单号查询物流',
    )
    expect(statusHint('expired', 'delivery', null)).toBe('订单已超时未支付，积分已退回')
  })
})

describe('checkDelivery', () => {
  const good = { name: ' 张三 ', phone: '13800000001', address: '上海市徐汇区漕溪北路 88 号' }

  it('accepts a full address and trims it as shared does', () => {
    expect(checkDelivery(good)).toEqual({ ok: true, address: { ...good, name: '张三' } })
  })

  it.each([
    [{ ...good, name: '  ' }, { name: '请填写收货人' }],
    [{ ...good, phone: '1380000' }, { phone: '请输入正确的 11 位手机号' }],
    [{ ...good, address: '上海' }, { address: '请填写详细地址' }],
    [{ ...good, name: '张'.repeat(21) }, { name: '收货人最多 20 个字' }],
    [{ ...good, address: '路'.repeat(121) }, { address: '详细地址最多 120 个字' }],
    [
      { name: '', phone: '', address: '' },
      { name: '请填写收货人', phone: '请输入正确的 11 位手机号', address: '请填写详细地址' },
    ],
  ])('refuses %j with Chinese messages per field', (form, problems) => {
    expect(checkDelivery(form)).toEqual({ ok: false, problems })
  })
})

describe('imageSrc', () => {
  it('puts site paths on the BFF origin and leaves https addresses alone', () => {
    expect(imageSrc('/files/a.png', 'http://localhost:8787')).toBe('http://localhost:8787/files/a.png')
    expect(imageSrc('/files/a.png', '')).toBe('/files/a.png')
    expect(imageSrc('https://cdn.example.com/a.png', 'http://localhost:8787')).toBe('https://cdn.example.com/a.png')
  })
})

describe('points after checkout (issue 16)', () => {
  it.each([
    [2000, 800, { short: false, text: '1,200 积分' }],
    [800, 800, { short: false, text: '0 积分' }],
    [505, 800, { short: true, text: '还差 295 积分' }],
    [0, 12800, { short: true, text: '还差 12,800 积分' }],
  ])('%i available, %i to pay → %o', (available, cost, expected) => {
    expect(pointsAfterText(available, cost)).toEqual(expected)
  })
})

describe('the cashier of an order that waits for no payment (issue 16)', () => {
  it.each([
    ['completed', { title: '支付成功', cash: '已支付 ¥9.90', points: '已使用 1,200 积分' }],
    ['refunded', { title: '订单已退款', cash: '已退款 ¥9.90', points: '1,200 积分已退回' }],
    ['cancelled', { title: '订单已取消', cash: '未扣款', points: '冻结的 1,200 积分已退回' }],
    ['expired', { title: '订单已超时', cash: '未扣款', points: '冻结的 1,200 积分已退回' }],
    ['pending_payment', { title: '订单已超时', cash: '未扣款', points: '冻结的 1,200 积分将退回' }],
  ] as const)('%s', (status, expected) => {
    const text = settledCashierText({ status, cashFen: 990, pointsCost: 1200 })
    expect(text).toEqual(expected)
    expect(Object.values(text).join()).not.toMatch(/需支付|已冻结/)
  })
})

describe('redemption times: 完成时间 only once finished (issue 16)', () => {
  const base = {
    cashFen: 0,
    paidAt: '2026-11-02T01:00:00Z',
    pickedUpAt: null,
    closedAt: null,
  } as const
  const labels = (r: Parameters<typeof redemptionTimeRows>[0]) => redemptionTimeRows(r).map((row) => row.label)

  it.each([
    ['a pickup not yet collected', { ...base, status: 'completed', fulfilment: 'pickup' }, []],
    [
      'a pickup collected',
      { ...base, status: 'completed', fulfilment: 'pickup', pickedUpAt: '2026-11-03T01:00:00Z' },
      ['完成时间'],
    ],
    ['a coupon issued', { ...base, status: 'completed', fulfilment: 'coupon' }, ['完成时间']],
    ['a parcel (shipping has its own times)', { ...base, status: 'completed', fulfilment: 'delivery' }, []],
    ['a paid pickup waiting', { ...base, status: 'completed', fulfilment: 'pickup', cashFen: 990 }, ['支付时间']],
    [
      'a refunded order',
      { ...base, status: 'refunded', fulfilment: 'coupon', cashFen: 990, closedAt: '2026-11-04T01:00:00Z' },
      ['支付时间', '关闭时间'],
    ],
    [
      'a cancelled order',
      { ...base, status: 'cancelled', fulfilment: 'pickup', paidAt: null, closedAt: '2026-11-04T01:00:00Z' },
      ['关闭时间'],
    ],
    ['a pending order', { ...base, status: 'pending_payment', fulfilment: 'pickup', paidAt: null }, []],
  ] as const)('%s', (_, r, expected) => {
    expect(labels(r)).toEqual(expected)
  })
})

describe('fulfilmentNote', () => {
  it('tells a pickup shopper how many days the item waits at the store', () => {
    expect(fulfilmentNote({ fulfilment: 'pickup', pickupDays: 7 })).toContain('请在 7 天内到所选门店')
    expect(fulfilmentNote({ fulfilment: 'delivery', pickupDays: 7 })).not.toContain('天内')
  })
})

describe('pickupDeadlineText (issue 16: 自提有效期)', () => {
  const waiting = {
    fulfilment: 'pickup',
    status: 'completed',
    pickedUpAt: null,
    pickupDeadline: '2026-12-31T16:00:00.000Z',
    pickupLastDay: '2026-12-31',
  } as const
  const before = Date.parse('2026-12-31T15:59:59Z')

  it('names the last day while the window runs', () => {
    expect(pickupDeadlineText(waiting, before)).toEqual({ expired: false, text: '请于 2026年12月31日 前到店自提' })
  })

  it('says the window is over from the deadline on', () => {
    expect(pickupDeadlineText(waiting, Date.parse(waiting.pickupDeadline))).toEqual({
      expired: true,
      text: '已超过自提期限',
    })
  })

  it.each([
    ['collected', { ...waiting, pickedUpAt: '2026-12-01T01:00:00Z' }],
    ['refunded', { ...waiting, status: 'refunded' }],
    ['not a pickup', { ...waiting, fulfilment: 'delivery' }],
    ['from before deadlines existed', { ...waiting, pickupDeadline: null, pickupLastDay: null }],
  ] as const)('says nothing when %s', (_case, r) => {
    expect(pickupDeadlineText(r, before)).toBeNull()
  })
})

describe('shownStatus', () => {
  const waiting = {
    fulfilment: 'pickup',
    status: 'completed',
    statusLabel: '待自提',
    pickedUpAt: null,
    pickupDeadline: '2026-12-31T16:00:00.000Z',
    pickupLastDay: '2026-12-31',
    shipment: null,
  } as const

  it('is the BFF status while the pickup window runs', () => {
    expect(shownStatus(waiting, Date.parse('2026-12-31T15:00:00Z'))).toEqual({
      label: '待自提',
      tone: 'done',
      hint: '凭取货码到门店领取，请向店员出示',
    })
  })

  it('reads 已过期未领取 once it has passed, not 待自提', () => {
    expect(shownStatus(waiting, Date.parse('2027-01-01T00:00:00Z'))).toMatchObject({
      label: '已过期未领取',
      tone: 'closed',
    })
  })
})
