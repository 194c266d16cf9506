import Taro from '@tarojs/taro'
import { beforeEach, describe, expect, it } from 'vitest'
import { saveSession } from '../api/session'
import { jsonResponse } from '../../test/fixtures'
import { fenFromYuan, initialStaffState, staffSelectors, useStaffStore } from './staff.store'
import { stubFetch } from '../../test/fetch-stub'

const fetchMock = stubFetch(() => useStaffStore.setState(initialStaffState()))
const store = () => useStaffStore.getState()
const staff = {
  id: 'stf_1',
  name: '王店员',
  phoneMasked: '137****0001',
  outlet: { id: 'outlet_xuhui', name: '徐汇旗舰店' },
  disabled: false,
  disabledAt: null,
  createdAt: '2026-11-01T00:00:00Z',
}
const card = {
  memberId: 'mbr_1',
  nickname: '小程',
  phoneMasked: '138****0000',
  tier: { id: 'regular', name: '普通会员' },
  pointsAvailable: 0,
}
const headerOf = (call: number) => new Headers(fetchMock.mock.calls[call][1]!.headers).get('Authorization') ?? undefined

describe('staff store', () => {
  it('staffLoggedIn keeps its own session, apart from the member session', async () => {
    saveSession({ token: 'member_tok', expiresAt: '2099-01-01T00:00:00Z' })
    fetchMock.mockResolvedValueOnce(jsonResponse(200, { token: 'mcst_abc', expiresAt: '2099-01-01T00:00:00Z', staff }))
    await store().login('13700000001', '135790')
    expect(headerOf(0)).toBeUndefined()
    expect(staffSelectors.isLoggedIn(store())).toBe(true)
    expect(Taro.getStorageSync('mc.session')).toMatchObject({ token: 'member_tok' })
    expect(Taro.getStorageSync('mc.staff-session')).toMatchObject({ token: 'mcst_abc' })

    fetchMock.mockResolvedValueOnce(jsonResponse(200, { member: card, purchaseAllowedUntil: '2099-01-01T00:00:00Z' }))
    await store().verifyCode('9123 4567 8901 2345 67')
    expect(headerOf(1)).toBe('Bearer mcst_abc')
    expect(JSON.parse(fetchMock.mock.calls[1][1]!.body as string)).toEqual({ code: '912345678901234567' })

    fetchMock.mockResolvedValueOnce(
      jsonResponse(201, { growth: 86, points: 86, upgrade: null, member: card, amountFen: 8650, receiptNo: 'R1' }),
    )
    await store().recordPurchase(8650, ' R1 ')
    expect(JSON.parse(fetchMock.mock.calls[2][1]!.body as string)).toEqual({
      memberId: 'mbr_1',
      amountFen: 8650,
      receiptNo: 'R1',
    })
    expect(store().outcome?.growth).toBe(86)
    store().tillCleared()
    expect(store().verification).toBeNull()
  })

  it("loads the scanned member's till benefits and sends the chosen coupon with the purchase", async () => {
    useStaffStore.setState({
      session: { token: 'mcst_abc', expiresAt: '2099-01-01T00:00:00Z', staff },
      verification: { member: card, purchaseAllowedUntil: '2099-01-01T00:00:00Z' },
    })
    const benefits = { memberId: 'mbr_1', tier: null, memberPriceDiscountPercent: 5, coupons: [] }
    fetchMock.mockResolvedValueOnce(jsonResponse(200, benefits))
    await store().loadBenefits()
    expect(String(fetchMock.mock.calls[0][0])).toContain('/api/staff/till/benefits?memberId=mbr_1')
    expect(store().benefits).toEqual(benefits)
    store().couponChosen('ABCD')
    fetchMock.mockResolvedValueOnce(jsonResponse(201, { status: 'pending', member: card }))
    await store().recordPurchase(9000, 'R2')
    expect(JSON.parse(fetchMock.mock.calls[1][1]!.body as string)).toEqual({
      memberId: 'mbr_1',
      amountFen: 9000,
      receiptNo: 'R2',
      couponCode: 'ABCD',
    })
    store().tillCleared()
    expect(store().couponCode).toBeNull()
    expect(store().benefits).toBeNull()
  })

  it('a rejected staff token logs the till out but leaves the member logged in', async () => {
    saveSession({ token: 'member_tok', expiresAt: '2099-01-01T00:00:00Z' })
    useStaffStore.setState({ session: { token: 'mcst_old', expiresAt: '2099-01-01T00:00:00Z', staff } })
    fetchMock.mockResolvedValueOnce(jsonResponse(401, { error: { code: 'UNAUTHENTICATED', message: '请先登录' } }))
    expect(await store().verifyCode('912345678901234567')).toBeNull()
    expect(store().session).toBeNull()
    expect(Taro.getStorageSync('mc.session')).toMatchObject({ token: 'member_tok' })
  })

  it('reports MEMBER_CODE_INVALID', async () => {
    fetchMock.mockResolvedValueOnce(
      jsonResponse(404, { error: { code: 'MEMBER_CODE_INVALID', message: '会员码无效或已过期，请让会员刷新后再扫' } }),
    )
    expect(await store().verifyCode('912345678901234567')).toBeNull()
    expect(store().error?.code).toBe('MEMBER_CODE_INVALID')
  })
})

describe('pickup verification', () => {
  beforeEach(() => useStaffStore.setState({ session: { token: 'mcst_abc', expiresAt: '2099-01-01T00:00:00Z', staff } }))
  const verified = {
    redemptionId: 'rdm_1',
    itemTitle: '帆布袋',
    quantity: 2,
    memberNickname: '小程',
    pickedUpAt: '2026-11-02T08:00:00.000Z',
  }

  it('pickupVerified with the staff token; pickupCleared makes room for the next code', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(200, verified))
    expect(await store().verifyPickup('123 456-7890')).toEqual(verified)
    expect(fetchMock.mock.calls[0][0]).toBe('/api/staff/pickups/verify')
    expect(JSON.parse(fetchMock.mock.calls[0][1]!.body as string)).toEqual({ code: '1234567890' })
    expect(headerOf(0)).toBe('Bearer mcst_abc')
    expect(store().pickup?.quantity).toBe(2)
    store().pickupCleared()
    expect(store().pickup).toBeNull()
  })

  it('PICKUP_CODE_USED keeps when the code was picked up', async () => {
    fetchMock.mockResolvedValueOnce(
      jsonResponse(409, {
        error: {
          code: 'PICKUP_CODE_USED',
          message: '该取货码已核销',
          details: { pickedUpAt: '2026-11-01T08:00:00.000Z' },
        },
      }),
    )
    expect(await store().verifyPickup('1234567890')).toBeNull()
    expect(store().error?.code).toBe('PICKUP_CODE_USED')
    expect(store().pickupUsedAt).toBe('2026-11-01T08:00:00.000Z')
    expect(staffSelectors.isLoading(store(), 'pickup')).toBe(false)
  })

  it.each([
    [404, 'PICKUP_CODE_INVALID'],
    [429, 'PICKUP_THROTTLED'],
  ])('a %i %s is reported without a pickup time', async (status, code) => {
    useStaffStore.setState({ pickupUsedAt: '2026-11-01T08:00:00.000Z' })
    fetchMock.mockResolvedValueOnce(jsonResponse(status, { error: { code, message: code } }))
    expect(await store().verifyPickup('1234567890')).toBeNull()
    expect(store().error?.code).toBe(code)
    expect(store().pickupUsedAt).toBeNull()
  })
})

describe('fenFromYuan', () => {
  it.each([
    ['86', 8600],
    ['86.5', 8650],
    ['86.05', 8605],
    [' 0.01 ', 1],
    ['0', null],
    ['86.555', null],
    ['-1', null],
    ['abc', null],
    ['', null],
    ['1e3', null],
  ])('%j → %s', (text, fen) => expect(fenFromYuan(text)).toBe(fen))
})
