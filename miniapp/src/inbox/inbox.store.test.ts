import { describe, expect, it } from 'vitest'
import { jsonResponse } from '../../test/fixtures'
import { inboxSelectors, initialInboxState, useInboxStore } from './inbox.store'
import { stubFetch } from '../../test/fetch-stub'

const fetchMock = stubFetch(() => useInboxStore.setState(initialInboxState()))
const store = () => useInboxStore.getState()
const note = (id: string, readAt: string | null) => ({
  id,
  kind: 'tier_upgrade',
  title: '恭喜升级为白银会员',
  body: '新解锁：每月领券',
  readAt,
  createdAt: '2026-11-02T00:00:00Z',
})

describe('inbox store', () => {
  it('notificationOpened marks read at once and counts down, once', async () => {
    fetchMock.mockResolvedValueOnce(
      jsonResponse(200, {
        notifications: [note('ntf_1', null), note('ntf_2', null)],
        unreadCount: 2,
        nextCursor: null,
      }),
    )
    await store().loadInbox()
    expect(inboxSelectors.unreadBadge(store())).toBe('2')
    fetchMock.mockResolvedValue(jsonResponse(200, { notification: note('ntf_1', '2026-11-02T01:00:00Z') }))
    await store().markRead('ntf_1')
    await store().markRead('ntf_1')
    expect(fetchMock.mock.calls[1]).toEqual(expect.arrayContaining(['/api/me/inbox/ntf_1/read']))
    expect(store().unreadCount).toBe(1)
    expect(store().notifications[0].readAt).not.toBeNull()
  })

  it.each([
    [0, null],
    [5, '5'],
    [120, '99+'],
  ])('badge for %i unread is %s', (count, badge) => {
    useInboxStore.setState({ unreadCount: count })
    expect(inboxSelectors.unreadBadge(store())).toBe(badge)
  })
})
