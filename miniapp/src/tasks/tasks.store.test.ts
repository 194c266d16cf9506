import { describe, expect, it } from 'vitest'
import type { MemberTasksResponse } from '@mc/shared'
import { jsonResponse } from '../../test/fixtures'
import { stubFetch } from '../../test/fetch-stub'
import { initialTasksState, useTasksStore } from './tasks.store'

const fetchMock = stubFetch(() => useTasksStore.setState(initialTasksState()))
const store = () => useTasksStore.getState()

const list = (earned: number): MemberTasksResponse => ({
  businessDay: '2026-11-23',
  tasks: [
    {
      key: 'share',
      title: '分享给好友',
      cadence: 'daily',
      reward: { growth: 5, points: 5 },
      dailyCap: { growth: 10, points: 10 },
      earnedToday: { growth: earned, points: earned },
      done: earned >= 10,
    },
  ],
})

describe('tasks store', () => {
  it('tasksLoaded: keeps the list the BFF answered', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(200, list(0)))
    await store().loadTasks()
    expect(fetchMock.mock.calls[0][0]).toBe('/api/me/tasks')
    expect(store().tasks?.tasks[0].done).toBe(false)
  })

  it('shared: posts the share, then shows the list the BFF has after it', async () => {
    fetchMock.mockResolvedValueOnce(
      jsonResponse(201, { businessDay: '2026-11-23', rewarded: { growth: 5, points: 5 } }),
    )
    fetchMock.mockResolvedValueOnce(jsonResponse(200, list(10)))
    await store().shared()
    expect(fetchMock.mock.calls.map((c) => [c[0], c[1]?.method])).toEqual([
      ['/api/me/tasks/share', 'POST'],
      ['/api/me/tasks', 'GET'],
    ])
    expect(store().tasks?.tasks[0].earnedToday).toEqual({ growth: 10, points: 10 })
  })

  it('a failed share says nothing and leaves the list and its error alone', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(200, list(5)))
    await store().loadTasks()
    fetchMock.mockResolvedValueOnce(jsonResponse(500, { error: { code: 'INTERNAL', message: '服务暂不可用' } }))
    await store().shared()
    expect(store().error).toBeNull()
    expect(store().tasks?.tasks[0].earnedToday?.growth).toBe(5)
  })
})
