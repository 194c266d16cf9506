import { describe, expect, it } from 'vitest'
import { checkItemForm, emptyItemForm, fenFromYuan, patchFromInput, yuanInputText } from './item-form'

const filled = { ...emptyItemForm, title: '品牌帆布袋', pointsPrice: '300', stock: '20' }

describe('yuan typed, fen sent', () => {
  it.each([
    ['', 0],
    ['0', 0],
    ['12', 1200],
    ['12.5', 1250],
    ['12.05', 1205],
    [' 9.90 ', 990],
    ['12.345', null],
    ['-1', null],
    ['abc', null],
    ['1,000', null],
  ])('%j → %j', (text, fen) => {
    expect(fenFromYuan(text)).toBe(fen)
  })

  it.each([
    [0, ''],
    [1200, '12'],
    [1250, '12.5'],
    [1205, '12.05'],
  ])('%j fen reads %j', (fen, text) => {
    expect(yuanInputText(fen)).toBe(text)
    expect(fenFromYuan(text)).toBe(fen)
  })
})

describe('checkItemForm', () => {
  it('turns a filled form into the shared input', () => {
    const check = checkItemForm({ ...filled, cashYuan: '9.9', perMemberLimit: '2', images: ['/api/uploads/upl_1'] })
    expect(check).toEqual({
      ok: true,
      input: expect.objectContaining({ pointsPrice: 300, cashFen: 990, stock: 20, perMemberLimit: 2, coupon: null }),
    })
    if (check.ok) expect(patchFromInput(check.input)).not.toHaveProperty('stock')
  })

  it('reports every wrong field in Chinese', () => {
    const check = checkItemForm({ ...emptyItemForm, pointsPrice: '0', cashYuan: '1.234', stock: '2.5' })
    expect(check.ok).toBe(false)
    if (check.ok) return
    expect(check.errors).toEqual({
      title: '请填写商品名称',
      pointsPrice: '积分价至少为 1',
      cashFen: '请输入金额（元），最多两位小数',
      stock: '库存须为整数',
    })
  })

  it('asks a coupon item for its coupon, in Chinese even where the schema speaks English', () => {
    const check = checkItemForm({ ...filled, fulfilment: 'coupon', couponValidDays: '400', couponDiscountYuan: '5' })
    expect(check.ok).toBe(false)
    if (check.ok) return
    expect(check.errors['coupon.name']).toBe('请填写券名称')
    expect(check.errors['coupon.validDays']).toBe('有效天数不能大于 366')
  })

  it('refuses a negative stock and a limit above 100', () => {
    const check = checkItemForm({ ...filled, stock: '-1', perMemberLimit: '101' })
    expect(check.ok).toBe(false)
    if (check.ok) return
    expect(check.errors).toEqual({ stock: '库存不能小于 0', perMemberLimit: '每人限兑不能大于 100' })
  })
})

describe('自提期限 (pickupDays)', () => {
  const pickup = { ...filled, fulfilment: 'pickup' as const }

  it('sends the days typed for a pickup item, 30 by default', () => {
    expect(checkItemForm(pickup)).toMatchObject({ ok: true, input: { pickupDays: 30 } })
    expect(checkItemForm({ ...pickup, pickupDays: '7' })).toMatchObject({ ok: true, input: { pickupDays: 7 } })
  })

  it.each([
    ['0', '自提期限至少 1 天'],
    ['366', '自提期限最多 365 天'],
    ['1.5', '自提期限须为整数'],
    ['', '请填写自提期限'],
  ])('refuses %j with a field error', (days, message) => {
    expect(checkItemForm({ ...pickup, pickupDays: days })).toEqual({ ok: false, errors: { pickupDays: message } })
  })

  it('leaves other kinds of items alone', () => {
    expect(checkItemForm({ ...filled, pickupDays: '' })).toMatchObject({ ok: true, input: { pickupDays: 30 } })
  })
})
