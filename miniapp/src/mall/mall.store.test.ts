import Taro from '@tarojs/taro'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { MallItemView, RedeemBody, RedemptionView } from '@mc/shared'
import { saveSession } from '../api/session'
import { useMembershipStore } from '../membership/membership.store'
import { jsonResponse, loginFixture } from '../../test/fixtures'
import { initialMallState, mallSelectors, useMallStore } from './mall.store'
import { newIdempotencyKey, redeemKeyFor } from './redeem-key'

const fetchMock = vi.fn<typeof fetch>()
const store = () => useMallStore.getState()
const call = (i: number) => ({ url: fetchMock.mock.calls[i][0], init: fetchMock.mock.calls[i][1]! })
const keyOf = (i: number) => new Headers(call(i).init.headers).get('Idempotency-Key')
const savedKey = (itemId: string) => Taro.getStorageSync(`mc.mall.redeem-key.${itemId}`) as { key: string } | ''

function item(id: string, over: Partial<MallItemView> = {}): MallItemView {
  return {
    id,
    title: `商品 ${id}`,
    description: '',
    images: [],
    pointsPrice: 800,
    cashFen: 0,
    fulfilment: 'pickup',
    coupon: null,
    pickupDays: 30,
    stock: 10,
    perMemberLimit: null,
    redeemedByMe: 0,
    minTier: null,
    activeFrom: null,
    activeUntil: null,
    availability: { redeemable: true, maxQuantity: 3 },
    ...over,
  }
}

function redemption(id: string, over: Partial<RedemptionView> = {}): RedemptionView {
  return {
    id,
    orderNo: '2611020800012',
    itemId: 'itm_1',
    itemTitle: '帆布袋',
    itemImage: null,
    quantity: 1,
    pointsCost: 800,
    cashFen: 0,
    fulfilment: 'pickup',
    status: 'completed',
    statusLabel: '待自提',
    paymentExpiresAt: null,
    pickupCode: '1234567890',
    pickedUpAt: null,
    pickupDeadline: null,
    pickupLastDay: null,
    pickupOutlet: null,
    couponCodes: [],
    delivery: null,
    shipment: null,
    createdAt: '2026-11-02T00:00:00.000Z',
    paidAt: null,
    closedAt: null,
    ...over,
  }
}

const pending = (id: string) =>
  redemption(id, {
    status: 'pending_payment',
    statusLabel: '待支付',
    cashFen: 990,
    pickupCode: null,
    paymentExpiresAt: '2026-11-02T00:15:00.000Z',
  })
const body: RedeemBody = { itemId: 'itm_1', quantity: 1 }
const error = (status: number, code: string) => jsonResponse(status, { error: { code, message: code } })

beforeEach(() => {
  Taro.clearStorageSync()
  useMallStore.setState(initialMallState())
  fetchMock.mockReset()
  vi.stubGlobal('fetch', fetchMock)
})
afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

describe('catalogue', () => {
  it('catalogLoaded keeps the list and indexes it by id; itemLoaded refreshes both', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(200, { items: [item('itm_1'), item('itm_2')] }))
    expect(await store().loadItems()).toBe(true)
    expect(call(0).url).toBe('/api/mall/items')
    expect(mallSelectors.itemsEmpty(store())).toBe(false)
    expect(mallSelectors.item(store(), 'itm_2')?.title).toBe('商品 itm_2')

    fetchMock.mockResolvedValueOnce(
      jsonResponse(200, {
        item: item('itm_2', { stock: 0, availability: { redeemable: false, reason: 'sold_out', message: '已兑完' } }),
      }),
    )
    await store().loadItem('itm_2')
    expect(call(1).url).toBe('/api/mall/items/itm_2')
    expect(store().items[1].stock).toBe(0)
    expect(mallSelectors.item(store(), 'itm_2')?.availability.redeemable).toBe(false)
  })

  it('a failed first load leaves only the error; an empty list reads as empty', async () => {
    fetchMock.mockRejectedValueOnce(new TypeError('offline'))
    expect(await store().loadItems()).toBe(false)
    expect(mallSelectors.itemsFirstLoadFailed(store())).toBe(true)
    expect(store().itemsError?.code).toBe('NETWORK')

    fetchMock.mockResolvedValueOnce(jsonResponse(200, { items: [] }))
    await store().loadItems()
    expect(mallSelectors.itemsFirstLoadFailed(store())).toBe(false)
    expect(mallSelectors.itemsEmpty(store())).toBe(true)
  })

  it('itemFailed reports MALL_ITEM_NOT_FOUND', async () => {
    fetchMock.mockResolvedValueOnce(error(404, 'MALL_ITEM_NOT_FOUND'))
    expect(await store().loadItem('itm_x')).toBeNull()
    expect(store().itemError?.code).toBe('MALL_ITEM_NOT_FOUND')
    expect(store().itemPending).toBeNull()
  })
})

describe('redeem', () => {
  it('sends the Idempotency-Key saved before sending, and forgets it after the answer', async () => {
    let storedWhileSending: unknown = null
    fetchMock.mockImplementationOnce(async () => {
      storedWhileSending = savedKey('itm_1')
      return jsonResponse(201, { redemption: redemption('rdm_1'), payment: null })
    })
    const response = await store().redeem(body)
    expect(response?.redemption.id).toBe('rdm_1')
    expect(call(0)).toMatchObject({
      url: '/api/mall/redemptions',
      init: { method: 'POST', body: JSON.stringify(body) },
    })
    expect(keyOf(0)).toMatch(/^mall_[0-9a-z]+_[0-9a-z]{16}$/)
    expect(storedWhileSending).toMatchObject({ key: keyOf(0) })
    expect(savedKey('itm_1')).toBe('')
    expect(mallSelectors.redemption(store(), 'rdm_1')?.pickupCode).toBe('1234567890')
    expect(store().action).toBeNull()
  })

  it('retries with the same key after a lost answer or a 5xx; a changed order gets a new key', async () => {
    fetchMock.mockRejectedValueOnce(new TypeError('offline'))
    expect(await store().redeem(body)).toBeNull()
    expect(store().actionError?.code).toBe('NETWORK')
    fetchMock.mockResolvedValueOnce(error(500, 'INTERNAL'))
    await store().redeem(body)
    expect(keyOf(1)).toBe(keyOf(0))
    expect(savedKey('itm_1')).toMatchObject({ key: keyOf(0) })

    fetchMock.mockResolvedValueOnce(jsonResponse(200, { redemption: redemption('rdm_1'), payment: null }))
    await store().redeem({ ...body, quantity: 2 })
    expect(keyOf(2)).not.toBe(keyOf(0))
    expect(savedKey('itm_1')).toBe('')
  })

  it('a 4xx is final: the key is dropped and a stale item is fetched again', async () => {
    fetchMock.mockResolvedValueOnce(error(409, 'MALL_ITEM_SOLD_OUT')).mockResolvedValueOnce(
      jsonResponse(200, {
        item: item('itm_1', { stock: 0, availability: { redeemable: false, reason: 'sold_out', message: '已兑完' } }),
      }),
    )
    expect(await store().redeem(body)).toBeNull()
    expect(store().actionError?.code).toBe('MALL_ITEM_SOLD_OUT')
    expect(savedKey('itm_1')).toBe('')
    await vi.waitFor(() => expect(mallSelectors.item(store(), 'itm_1')?.stock).toBe(0))
    expect(call(1).url).toBe('/api/mall/items/itm_1')
  })

  it('DELIVERY_ADDRESS_REQUIRED drops the key but does not refetch the item', async () => {
    fetchMock.mockResolvedValueOnce(error(400, 'DELIVERY_ADDRESS_REQUIRED'))
    await store().redeem(body)
    expect(savedKey('itm_1')).toBe('')
    expect(fetchMock).toHaveBeenCalledTimes(1)
  })

  it('a new redemption goes on top of a loaded list', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(200, { redemptions: [redemption('rdm_1')], nextCursor: null }))
    await store().openRedemptions()
    fetchMock.mockResolvedValueOnce(
      jsonResponse(201, {
        redemption: pending('rdm_2'),
        payment: { provider: 'local', outTradeNo: 'rdm_2', amountFen: 990, description: '帆布袋' },
      }),
    )
    const response = await store().redeem(body)
    expect(response?.payment?.provider).toBe('local')
    expect(store().redemptions.map((r) => r.id)).toEqual(['rdm_2', 'rdm_1'])
  })
})

describe('redeem key', () => {
  it('is 8–128 characters and reused only for the same order', () => {
    const key = newIdempotencyKey(Date.parse('2026-11-02T00:00:00Z'), () => 0.5)
    expect(key).toBe(`mall_${Date.parse('2026-11-02T00:00:00Z').toString(36)}_${'i'.repeat(16)}`)
    const delivery = { name: '张三', phone: '13800000001', address: '上海市徐汇区漕溪北路 88 号' }
    const first = redeemKeyFor({ itemId: 'itm_9', quantity: 1, delivery })
    expect(first.length).toBeGreaterThanOrEqual(8)
    expect(redeemKeyFor({ itemId: 'itm_9', quantity: 1, delivery: { ...delivery } })).toBe(first)
    expect(
      redeemKeyFor({ itemId: 'itm_9', quantity: 1, delivery: { ...delivery, address: '上海市静安区南京西路 1 号' } }),
    ).not.toBe(first)
  })
})

describe('my redemptions', () => {
  it('pages by cursor and stops at the last page', async () => {
    fetchMock.mockResolvedValueOnce(
      jsonResponse(200, { redemptions: [redemption('rdm_3'), redemption('rdm_2')], nextCursor: 'rdm_2' }),
    )
    await store().openRedemptions()
    expect(call(0).url).toBe('/api/me/redemptions?limit=20')
    expect(mallSelectors.hasMoreRedemptions(store())).toBe(true)

    fetchMock.mockResolvedValueOnce(jsonResponse(200, { redemptions: [redemption('rdm_1')], nextCursor: null }))
    await store().loadMoreRedemptions()
    expect(call(1).url).toBe('/api/me/redemptions?cursor=rdm_2&limit=20')
    expect(store().redemptions.map((r) => r.id)).toEqual(['rdm_3', 'rdm_2', 'rdm_1'])
    expect(await store().loadMoreRedemptions()).toBe(false)
    expect(fetchMock).toHaveBeenCalledTimes(2)
  })

  it('a page that arrives after a refresh started is dropped', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(200, { redemptions: [redemption('rdm_2')], nextCursor: 'rdm_2' }))
    await store().openRedemptions()
    let answerMore!: (r: Response) => void
    fetchMock.mockImplementationOnce(
      () =>
        new Promise((resolve) => {
          answerMore = resolve
        }),
    )
    const more = store().loadMoreRedemptions()
    fetchMock.mockResolvedValueOnce(
      jsonResponse(200, { redemptions: [redemption('rdm_4'), redemption('rdm_2')], nextCursor: null }),
    )
    await store().refreshRedemptions()
    answerMore(jsonResponse(200, { redemptions: [redemption('rdm_1')], nextCursor: null }))
    await more
    expect(store().redemptions.map((r) => r.id)).toEqual(['rdm_4', 'rdm_2'])
  })

  it('the first page failing shows the error; an empty list reads as empty', async () => {
    fetchMock.mockResolvedValueOnce(error(500, 'INTERNAL'))
    await store().openRedemptions()
    expect(mallSelectors.redemptionsFirstLoadFailed(store())).toBe(true)
    fetchMock.mockResolvedValueOnce(jsonResponse(200, { redemptions: [], nextCursor: null }))
    await store().refreshRedemptions()
    expect(mallSelectors.redemptionsEmpty(store())).toBe(true)
  })
})

describe('paying and cancelling', () => {
  beforeEach(async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(200, { redemptions: [pending('rdm_1')], nextCursor: null }))
    await store().openRedemptions()
    fetchMock.mockClear()
  })

  it('cancel, payment and local-pay replace the redemption wherever it is shown', async () => {
    fetchMock.mockResolvedValueOnce(
      jsonResponse(200, {
        redemption: pending('rdm_1'),
        payment: { provider: 'local', outTradeNo: 'rdm_1', amountFen: 990, description: '' },
      }),
    )
    expect((await store().requestPayment('rdm_1'))?.payment.provider).toBe('local')
    expect(call(0)).toMatchObject({ url: '/api/me/redemptions/rdm_1/payment', init: { method: 'POST' } })

    fetchMock.mockResolvedValueOnce(
      jsonResponse(200, { redemption: redemption('rdm_1', { cashFen: 990, paidAt: '2026-11-02T00:01:00.000Z' }) }),
    )
    expect((await store().confirmLocalPayment('rdm_1'))?.status).toBe('completed')
    expect(call(1).url).toBe('/api/me/redemptions/rdm_1/local-pay')
    expect(store().redemptions[0].status).toBe('completed')
    expect(mallSelectors.redemption(store(), 'rdm_1')?.pickupCode).toBe('1234567890')
  })

  it('cancelRedemption; REDEMPTION_NOT_PENDING lands in actionError', async () => {
    fetchMock.mockResolvedValueOnce(
      jsonResponse(200, { redemption: { ...pending('rdm_1'), status: 'cancelled', statusLabel: '已取消' } }),
    )
    expect((await store().cancelRedemption('rdm_1'))?.statusLabel).toBe('已取消')
    expect(call(0).url).toBe('/api/me/redemptions/rdm_1/cancel')
    expect(store().redemptions[0].status).toBe('cancelled')

    fetchMock.mockResolvedValueOnce(error(409, 'REDEMPTION_NOT_PENDING'))
    expect(await store().cancelRedemption('rdm_1')).toBeNull()
    expect(store().actionError?.code).toBe('REDEMPTION_NOT_PENDING')
    expect(mallSelectors.isActing(store(), 'cancel')).toBe(false)
  })

  it('watchRedemption polls every 2 s until the payment notice settled the order', async () => {
    vi.useFakeTimers()
    fetchMock
      .mockResolvedValueOnce(jsonResponse(200, { redemption: pending('rdm_1') }))
      .mockResolvedValueOnce(jsonResponse(200, { redemption: pending('rdm_1') }))
      .mockResolvedValueOnce(jsonResponse(200, { redemption: redemption('rdm_1') }))
    const watched = store().watchRedemption('rdm_1')
    expect(mallSelectors.isWatching(store(), 'rdm_1')).toBe(true)
    await vi.advanceTimersByTimeAsync(4000)
    expect((await watched)?.status).toBe('completed')
    expect(fetchMock).toHaveBeenCalledTimes(3)
    expect(store().watching).toBeNull()
  })

  it('watchRedemption gives up after ~30 s, and stops when the page leaves', async () => {
    vi.useFakeTimers()
    fetchMock.mockImplementation(async () => jsonResponse(200, { redemption: pending('rdm_1') }))
    const watched = store().watchRedemption('rdm_1')
    await vi.advanceTimersByTimeAsync(40_000)
    expect((await watched)?.status).toBe('pending_payment')
    expect(fetchMock).toHaveBeenCalledTimes(16)

    fetchMock.mockClear()
    const stopped = store().watchRedemption('rdm_1')
    await vi.advanceTimersByTimeAsync(2000)
    store().watchStopped()
    await vi.advanceTimersByTimeAsync(10_000)
    await stopped
    expect(fetchMock).toHaveBeenCalledTimes(2)
  })
})

describe('session', () => {
  it('another login forgets what was fetched for the previous member', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(200, { items: [item('itm_1')] }))
    await store().loadItems()
    saveSession({ token: 'tok_old', expiresAt: '2099-01-01T00:00:00.000Z' })
    useMembershipStore.getState().loggedIn(loginFixture())
    expect(store().items).toEqual([])
    expect(mallSelectors.item(store(), 'itm_1')).toBeNull()
  })
})
