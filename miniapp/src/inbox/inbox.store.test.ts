import { describe, expect, it } from 'vitest'
import type { NotificationView } from '@mc/shared'
import { jsonResponse } from '../../test/fixtures'
import { inboxPageSize, inboxSelectors, initialInboxState, useInboxStore } from './inbox.store'
import { stubFetch } from '../../test/fetch-stub'

const fetchMock = stubFetch(() => useInboxStore.setState(initialInboxState()))
const store = () => useInboxStore.getState()
const url = (i: number) => String(fetchMock.mock.calls[i]?.[0])
const note = (id: string, readAt: string | null = null, page: string | null = null): NotificationView => ({
  id,
  kind: 'tier_upgrade',
  title: '恭喜升级为白银会员',
  body: '新解锁：每月领券',
  page,
  readAt,
  createdAt: '2026-11-02T00:00:00Z',
})
const ids = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => `ntf_${String(from - i).padStart(3, '0')}`)
const page = (list: string[], nextCursor: string | null, unreadCount = 60) =>
  jsonResponse(200, { notifications: list.map((id) => note(id)), unreadCount, nextCursor })

describe('inbox store', () => {
  it('notificationOpened marks read at once and counts down, once', async () => {
    fetchMock.mockResolvedValueOnce(
      jsonResponse(200, { notifications: [note('ntf_1'), note('ntf_2')], unreadCount: 2, nextCursor: null }),
    )
    await store().loadInbox()
    expect(inboxSelectors.unreadBadge(store())).toBe('2')
    fetchMock.mockResolvedValue(jsonResponse(200, { notification: note('ntf_1', '2026-11-02T01:00:00Z') }))
    await store().markRead('ntf_1')
    await store().markRead('ntf_1')
    expect(url(1)).toBe('/api/me/inbox/ntf_1/read')
    expect(store().unreadCount).toBe(1)
    expect(store().notifications[0].readAt).not.toBeNull()
  })

  it('pages by cursor past 50 messages down to the last page, then asks no more', async () => {
    fetchMock.mockResolvedValueOnce(page(ids(60, 20), 'ntf_041'))
    await store().loadInbox()
    expect(url(0)).toBe(`/api/me/inbox?limit=${inboxPageSize}`)
    fetchMock.mockResolvedValueOnce(page(ids(40, 20), 'ntf_021'))
    await store().loadMoreInbox()
    expect(url(1)).toBe(`/api/me/inbox?cursor=ntf_041&limit=${inboxPageSize}`)
    fetchMock.mockResolvedValueOnce(page(ids(20, 20), null))
    await store().loadMoreInbox()
    expect(url(2)).toBe(`/api/me/inbox?cursor=ntf_021&limit=${inboxPageSize}`)

    expect(store().notifications.map((n) => n.id)).toEqual(ids(60, 60))
    expect(inboxSelectors.hasMore(store())).toBe(false)
    expect(await store().loadMoreInbox()).toBe(false)
    expect(fetchMock).toHaveBeenCalledTimes(3)
  })

  it('a message shifted onto the next page by a new one is shown once', async () => {
    fetchMock.mockResolvedValueOnce(page(['ntf_003', 'ntf_002'], 'ntf_002'))
    await store().loadInbox()
    fetchMock.mockResolvedValueOnce(page(['ntf_002', 'ntf_001'], null))
    await store().loadMoreInbox()
    expect(store().notifications.map((n) => n.id)).toEqual(['ntf_003', 'ntf_002', 'ntf_001'])
  })

  it('a next page arriving after a refresh started is dropped', async () => {
    fetchMock.mockResolvedValueOnce(page(['ntf_002'], 'ntf_002'))
    await store().loadInbox()
    let answerMore!: (r: Response) => void
    fetchMock.mockImplementationOnce(() => new Promise((resolve) => (answerMore = resolve)))
    const more = store().loadMoreInbox()
    fetchMock.mockResolvedValueOnce(page(['ntf_003', 'ntf_002'], null))
    await store().loadInbox()
    answerMore(page(['ntf_001'], null))
    await more
    expect(store().notifications.map((n) => n.id)).toEqual(['ntf_003', 'ntf_002'])
  })

  it('a failed next page keeps the list and can be retried; a failed first page shows the failure', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(500, { error: { code: 'INTERNAL', message: '服务异常' } }))
    await store().loadInbox()
    expect(inboxSelectors.firstLoadFailed(store())).toBe(true)
    fetchMock.mockResolvedValueOnce(page(['ntf_002'], 'ntf_002'))
    await store().loadInbox()
    fetchMock.mockResolvedValueOnce(jsonResponse(500, { error: { code: 'INTERNAL', message: '服务异常' } }))
    expect(await store().loadMoreInbox()).toBe(false)
    expect(store().notifications).toHaveLength(1)
    expect(inboxSelectors.hasMore(store())).toBe(true)
    fetchMock.mockResolvedValueOnce(page(['ntf_001'], null))
    expect(await store().loadMoreInbox()).toBe(true)
    expect(store().notifications.map((n) => n.id)).toEqual(['ntf_002', 'ntf_001'])
  })

  it.each([
    [0, null],
    [5, '5'],
    [120, '99+'],
  ])('badge for %i unread is %s', (count, badge) => {
    useInboxStore.setState({ unreadCount: count })
    expect(inboxSelectors.unreadBadge(store())).toBe(badge)
  })

  it('markAllRead marks every message read once the BFF has, and changes nothing when it fails', async () => {
    fetchMock.mockResolvedValueOnce(
      jsonResponse(200, {
        notifications: [note('ntf_3'), note('ntf_2', '2026-11-01T00:00:00Z'), note('ntf_1')],
        unreadCount: 2,
        nextCursor: null,
      }),
    )
    await store().loadInbox()
    fetchMock.mockResolvedValueOnce(jsonResponse(503, { error: { code: 'UNAVAILABLE', message: '服务暂不可用' } }))
    expect(await store().markAllRead()).toBe(false)
    expect(store().unreadCount).toBe(2)
    expect(store().notifications.filter((n) => n.readAt === null)).toHaveLength(2)
    expect(store().markingAll).toBe(false)
    fetchMock.mockResolvedValueOnce(jsonResponse(200, { marked: 2, unreadCount: 0 }))
    expect(await store().markAllRead()).toBe(true)
    expect(url(2)).toBe('/api/me/inbox/read-all')
    expect(fetchMock.mock.calls[2]?.[1]?.method).toBe('POST')
    expect(store().unreadCount).toBe(0)
    expect(inboxSelectors.unreadBadge(store())).toBeNull()
    // A message read before keeps its own time.
    expect(store().notifications[1].readAt).toBe('2026-11-01T00:00:00Z')
    expect(store().notifications.every((n) => n.readAt !== null)).toBe(true)
  })
})
