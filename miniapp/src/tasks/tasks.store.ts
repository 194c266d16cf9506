import { create } from 'zustand'
import type { MemberTasksResponse } from '@mc/shared'
import { attempt } from '../api/attempt'
import { call, type ApiFailure } from '../api/client'
import { onSessionChanged } from '../api/session'

/** The last fetched task list; the BFF stays the source of truth for what is done. */
export interface TasksState {
  tasks: MemberTasksResponse | null
  loading: boolean
  error: ApiFailure | null
}

interface TasksEvents {
  loadStarted(): void
  loadFailed(failure: ApiFailure): void
  tasksLoaded(tasks: MemberTasksResponse): void
  sessionChanged(): void
}

interface TasksThunks {
  loadTasks(): Promise<MemberTasksResponse | null>
  /**
   * The share callback fired: tells the BFF, then refetches the list. WeChat never confirms a share, so nothing is
   * shown about it; a failure is kept out of `error`, which belongs to the list.
   */
  shared(): Promise<void>
}

export type TasksStore = TasksState & TasksEvents & TasksThunks

export const initialTasksState = (): TasksState => ({ tasks: null, loading: false, error: null })

export const useTasksStore = create<TasksStore>()((set, get) => ({
  ...initialTasksState(),
  loadStarted: () => set({ loading: true, error: null }),
  loadFailed: (failure) => set({ loading: false, error: failure }),
  tasksLoaded: (tasks) => set({ tasks, loading: false, error: null }),
  sessionChanged: () => set(initialTasksState()),

  loadTasks: () =>
    attempt(() => call((api) => api.me.tasks.$get()), {
      started: get().loadStarted,
      done: get().tasksLoaded,
      failed: get().loadFailed,
    }),
  shared: async () => {
    const answer = await attempt(() => call((api) => api.me.tasks.share.$post()), {
      started: () => {},
      done: () => {},
      failed: () => {},
    })
    if (answer) await get().loadTasks()
  },
}))

onSessionChanged(() => useTasksStore.getState().sessionChanged())
