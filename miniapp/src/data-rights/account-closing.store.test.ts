import { describe, expect, it } from 'vitest'
import type { ClosingPreview } from '@mc/shared'
import { jsonResponse } from '../../test/fixtures'
import { stubFetch } from '../../test/fetch-stub'
import { accountClosingSelectors, initialAccountClosingState, useAccountClosingStore } from './account-closing.store'

const fetchMock = stubFetch(() => useAccountClosingStore.setState(initialAccountClosingState()))
const store = () => useAccountClosingStore.getState()
const preview = (over: Partial<ClosingPreview> = {}): ClosingPreview => ({
  points: 320,
  growth: 900,
  tier: { key: 'silver', name: '银卡' },
  coupons: [],
  pendingRedemptions: [],
  canClose: true,
  ...over,
})

describe('account closing store', () => {
  it('allows closing only after the member ticks the acknowledgement, and sends the points shown', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(200, preview()))
    await store().loadPreview()
    expect(String(fetchMock.mock.calls[0]?.[0])).toBe('/api/me/closing')
    expect(accountClosingSelectors.canSubmit(store())).toBe(false)
    store().acknowledgementToggled()
    expect(accountClosingSelectors.canSubmit(store())).toBe(true)
    fetchMock.mockResolvedValueOnce(jsonResponse(200, { memberId: 'mbr_1', closedAt: '2026-11-23T02:00:00.000Z' }))
    expect(await store().closeAccount()).toBe(true)
    expect(fetchMock.mock.calls[1]?.[1]?.method).toBe('POST')
    expect(JSON.parse(String(fetchMock.mock.calls[1]?.[1]?.body))).toEqual({ confirm: true, points: 320 })
    expect(store().closed).toEqual({ memberId: 'mbr_1', closedAt: '2026-11-23T02:00:00.000Z' })
  })

  it('never allows closing while a redemption is pending, ticked or not', async () => {
    const waiting = preview({
      canClose: false,
      pendingRedemptions: [{ id: 'rdm_1', itemTitle: '保温杯', waitingFor: 'shipping' }],
    })
    fetchMock.mockResolvedValueOnce(jsonResponse(200, waiting))
    await store().loadPreview()
    store().acknowledgementToggled()
    expect(accountClosingSelectors.canSubmit(store())).toBe(false)
  })

  it('keeps the preview and shows the reason when the closing is refused', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(200, preview()))
    await store().loadPreview()
    store().acknowledgementToggled()
    fetchMock.mockResolvedValueOnce(
      jsonResponse(409, {
        error: { code: 'CLOSE_PENDING_REDEMPTIONS', message: '还有未完成的兑换订单，请完成或取消后再注销' },
      }),
    )
    expect(await store().closeAccount()).toBe(false)
    expect(store().closed).toBeNull()
    expect(store().preview).not.toBeNull()
    expect(store().error?.message).toBe('还有未完成的兑换订单，请完成或取消后再注销')
  })
})
