import { describe, expect, it } from 'vitest'
import { jsonResponse, loginFixture } from '../../test/fixtures'
import { historyPage } from '../../test/points-fixtures'
import { initialMembershipState, useMembershipStore } from '../membership/membership.store'
import { initialPointsState, pointsSelectors, usePointsStore } from './points.store'
import { stubFetch } from '../../test/fetch-stub'

const fetchMock = stubFetch(() => usePointsStore.setState(initialPointsState()))
const store = () => usePointsStore.getState()
const ids = (type: 'growth' | 'points' = 'points') => store().histories[type].entries.map((e) => e.id.slice(-4))

function answer(status: number, body: unknown) {
  fetchMock.mockResolvedValueOnce(jsonResponse(status, body))
}
const requestedUrl = (call: number) => String(fetchMock.mock.calls[call][0])

describe('history paging', () => {
  it('opens with the first page, then appends the next page by cursor', async () => {
    answer(200, historyPage(50, 20))
    expect(await store().openHistory('points')).toBe(true)
    expect(requestedUrl(0)).toBe('/api/me/points?limit=20')
    expect(ids()).toHaveLength(20)
    expect(pointsSelectors.hasMore(store(), 'points')).toBe(true)

    answer(200, historyPage(30, 20))
    expect(await store().loadMoreHistory('points')).toBe(true)
    expect(requestedUrl(1)).toBe('/api/me/points?cursor=pte_01M84J4DRZDPJDQ2G5H3TX0031&limit=20')
    expect(ids()).toHaveLength(40)
    expect(ids().slice(18, 22)).toEqual(['0032', '0031', '0030', '0029'])
  })

  it('stops at the last page and asks for nothing more', async () => {
    answer(200, historyPage(25, 20))
    await store().openHistory('growth')
    answer(200, historyPage(5, 5, true))
    await store().loadMoreHistory('growth')
    expect(ids('growth')).toHaveLength(25)
    expect(pointsSelectors.hasMore(store(), 'growth')).toBe(false)

    expect(await store().loadMoreHistory('growth')).toBe(false)
    expect(fetchMock).toHaveBeenCalledTimes(2)
    expect(requestedUrl(0)).toBe('/api/me/growth?limit=20')
  })

  it('asks for one next page at a time, however often the bottom is reached', async () => {
    answer(200, historyPage(50, 20))
    await store().openHistory('points')
    answer(200, historyPage(30, 20))
    const first = store().loadMoreHistory('points')
    expect(pointsSelectors.isLoadingMore(store(), 'points')).toBe(true)
    expect(await store().loadMoreHistory('points')).toBe(false)
    await first
    expect(fetchMock).toHaveBeenCalledTimes(2)
  })

  it('reads an empty ledger as empty, not as loading', async () => {
    expect(pointsSelectors.isEmpty(store(), 'points')).toBe(false)
    answer(200, { entries: [], nextCursor: null })
    const opening = store().openHistory('points')
    expect(pointsSelectors.isLoadingFirst(store(), 'points')).toBe(true)
    await opening
    expect(pointsSelectors.isLoadingFirst(store(), 'points')).toBe(false)
    expect(pointsSelectors.isEmpty(store(), 'points')).toBe(true)
  })

  it('keeps the two histories apart', async () => {
    answer(200, historyPage(3, 3, true))
    await store().openHistory('growth')
    expect(ids('growth')).toHaveLength(3)
    expect(ids('points')).toHaveLength(0)
  })
})

describe('history refresh', () => {
  it('replaces the list with the newest page and resets the cursor', async () => {
    answer(200, historyPage(50, 20))
    await store().openHistory('points')
    answer(200, historyPage(30, 20))
    await store().loadMoreHistory('points')

    answer(200, historyPage(52, 20))
    const refreshing = store().refreshHistory('points')
    expect(pointsSelectors.isRefreshing(store(), 'points')).toBe(true)
    expect(ids()).toHaveLength(40)
    await refreshing
    expect(requestedUrl(2)).toBe('/api/me/points?limit=20')
    expect(ids()).toHaveLength(20)
    expect(ids()[0]).toBe('0052')
    expect(store().histories.points.nextCursor).toBe('pte_01M84J4DRZDPJDQ2G5H3TX0033')
  })

  it('drops a next page that arrives after a refresh replaced the list', async () => {
    answer(200, historyPage(50, 20))
    await store().openHistory('points')
    let answerMore!: (response: Response) => void
    fetchMock.mockReturnValueOnce(
      new Promise((resolve) => {
        answerMore = resolve
      }),
    )
    const more = store().loadMoreHistory('points')
    answer(200, historyPage(51, 20))
    await store().refreshHistory('points')
    answerMore(jsonResponse(200, historyPage(30, 20)))
    await more
    expect(ids()).toHaveLength(20)
    expect(ids()[0]).toBe('0051')
  })

  it('opening again forgets the old list at once', async () => {
    answer(200, historyPage(50, 20))
    await store().openHistory('points')
    answer(200, historyPage(3, 3, true))
    const opening = store().openHistory('points')
    expect(ids()).toHaveLength(0)
    await opening
    expect(ids()).toEqual(['0003', '0002', '0001'])
  })
})

describe('history errors', () => {
  it('keeps the rows already shown when the next page fails, and the same cursor retries it', async () => {
    answer(200, historyPage(50, 20))
    await store().openHistory('points')
    answer(500, { error: { code: 'INTERNAL', message: '服务暂时不可用，请稍后重试' } })
    expect(await store().loadMoreHistory('points')).toBe(false)
    expect(ids()).toHaveLength(20)
    expect(pointsSelectors.errorMessage(store(), 'points')).toBe('服务暂时不可用，请稍后重试')
    expect(pointsSelectors.firstLoadFailed(store(), 'points')).toBe(false)

    answer(200, historyPage(30, 20))
    expect(await store().loadMoreHistory('points')).toBe(true)
    expect(requestedUrl(2)).toBe(requestedUrl(1))
    expect(ids()).toHaveLength(40)
    expect(pointsSelectors.errorMessage(store(), 'points')).toBeNull()
  })

  it('keeps the rows when a refresh fails', async () => {
    answer(200, historyPage(50, 20))
    await store().openHistory('points')
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'))
    expect(await store().refreshHistory('points')).toBe(false)
    expect(ids()).toHaveLength(20)
    expect(pointsSelectors.errorMessage(store(), 'points')).toBe('网络异常，请检查网络后重试')
  })

  it('reports a failed first page as such, and a retry loads it', async () => {
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'))
    await store().openHistory('growth')
    expect(pointsSelectors.firstLoadFailed(store(), 'growth')).toBe(true)
    expect(pointsSelectors.isEmpty(store(), 'growth')).toBe(false)
    answer(200, historyPage(2, 2, true))
    await store().refreshHistory('growth')
    expect(pointsSelectors.firstLoadFailed(store(), 'growth')).toBe(false)
    expect(ids('growth')).toHaveLength(2)
  })
})

describe('expiring points', () => {
  it('loads the lots about to lapse, and keeps them when a reload fails', async () => {
    const expiring = { total: 600, lots: [{ points: 600, expiresAt: '2027-12-31T16:00:00.000Z' }] }
    answer(200, expiring)
    expect(await store().loadExpiring()).toBe(true)
    expect(requestedUrl(0)).toBe('/api/me/points/expiring')
    expect(pointsSelectors.expiring(store())).toEqual(expiring)

    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'))
    expect(await store().loadExpiring()).toBe(false)
    expect(pointsSelectors.expiring(store())).toEqual(expiring)
    expect(pointsSelectors.expiringErrorMessage(store())).toBe('网络异常，请检查网络后重试')
  })
})

describe('extending a lot', () => {
  const lot = (extension: { costPoints: number; expiresAtAfter: string } | null, extendedFrom: string | null) => ({
    lotId: 'plt_01M84J4DRZDPJDQ2G5H3TX0001',
    points: 200,
    expiresAt: extendedFrom ? '2027-01-30T16:00:00.000Z' : '2026-12-31T16:00:00.000Z',
    extension,
    extendedFrom,
  })

  it('posts the extension of that lot, then shows the list as the BFF now has it', async () => {
    const extension = {
      id: 'plx_01M84J4DRZDPJDQ2G5H3TX0001',
      lotId: 'plt_01M84J4DRZDPJDQ2G5H3TX0001',
      costPoints: 50,
      extendDays: 30,
      entryId: 'pte_01M84J4DRZDPJDQ2G5H3TX0001',
      expiresAtBefore: '2026-12-31T16:00:00.000Z',
      expiresAtAfter: '2027-01-30T16:00:00.000Z',
      createdAt: '2026-11-23T02:00:00.000Z',
    }
    answer(201, extension)
    const after = { total: 150, lots: [lot(null, '2026-12-31T16:00:00.000Z')] }
    answer(200, after)
    expect(await store().extendLot('plt_01M84J4DRZDPJDQ2G5H3TX0001')).toEqual(extension)
    expect(requestedUrl(0)).toBe('/api/me/points/lots/plt_01M84J4DRZDPJDQ2G5H3TX0001/extension')
    expect(fetchMock.mock.calls[0][1]?.method).toBe('POST')
    expect(pointsSelectors.expiring(store())).toEqual(after)
    expect(store().extendingLotId).toBeNull()
  })

  it('keeps the list and says why when the BFF refuses', async () => {
    const before = { total: 200, lots: [lot({ costPoints: 50, expiresAtAfter: '2027-01-30T16:00:00.000Z' }, null)] }
    usePointsStore.setState({ expiring: before })
    answer(409, { error: { code: 'POINTS_INSUFFICIENT', message: '积分不足' } })
    expect(await store().extendLot('plt_01M84J4DRZDPJDQ2G5H3TX0001')).toBeNull()
    expect(fetchMock).toHaveBeenCalledTimes(1)
    expect(pointsSelectors.expiring(store())).toEqual(before)
    expect(pointsSelectors.extensionErrorMessage(store())).toBe('积分不足')
  })
})

describe('session changes', () => {
  it('forgets both histories and the expiring points when another member logs in', async () => {
    useMembershipStore.setState(initialMembershipState())
    answer(200, historyPage(3, 3, true))
    await store().openHistory('points')
    answer(200, { total: 5, lots: [{ points: 5, expiresAt: '2027-12-31T16:00:00.000Z' }] })
    await store().loadExpiring()

    useMembershipStore.getState().loggedIn(loginFixture())
    expect(ids()).toHaveLength(0)
    expect(store().histories.points.loaded).toBe(false)
    expect(pointsSelectors.expiring(store())).toBeNull()
  })
})
