import { useRef } from 'react'
import { useDidShow, useShareAppMessage } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import type { MemberTask } from '@mc/shared'
import { PagePlaceholder } from '../../../components/page-shell'
import { routes } from '../../../routes'
import { useMemberSession } from '../../../session/use-member-session'
import { cadenceText, capProgressText, doneText, howToText, rewardText } from '../../task-copy'
import { useTasksStore } from '../../tasks.store'
import './index.css'
import { openPage } from '../../../open-page'

const isWeapp = process.env.TARO_ENV === 'weapp'
const loadTasks = () => void useTasksStore.getState().loadTasks()

/** 任务中心: each task with its reward, once or daily, and whether it is done (today). */
export default function TasksPage() {
  const tasks = useTasksStore((s) => s.tasks)
  useMemberSession(loadTasks)
  // Back from signing in or the profile, the list must say so: every later showing refetches it.
  const shownBefore = useRef(false)
  useDidShow(() => {
    if (shownBefore.current) loadTasks()
    shownBefore.current = true
  })
  // WeChat calls this when the member shares (menu or the share button) but never says whether anything was sent:
  // the share is posted and capped by the BFF, and the page says nothing about it.
  useShareAppMessage(() => {
    void useTasksStore.getState().shared()
    return { title: '一起来做会员任务，赚成长值和积分', path: routes.home }
  })

  if (tasks === null) return <TasksPlaceholder />
  return (
    <View className='page-shell tasks'>
      <View className='tasks__intro'>
        <Text className='tasks__intro-title'>做任务，赚成长值和积分</Text>
        <Text className='tasks__intro-note'>每日任务按营业日重置</Text>
      </View>
      <View className='tasks__list'>
        {tasks.tasks.map((task) => (
          <TaskRow key={task.key} task={task} />
        ))}
      </View>
    </View>
  )
}

function TasksPlaceholder() {
  const retrying = useTasksStore((s) => s.loading)
  const failure = useTasksStore((s) => s.error?.message ?? null)
  return (
    <PagePlaceholder
      className='tasks'
      loadingClassName='tasks__loading'
      failure={failure}
      retrying={retrying}
      onRetry={loadTasks}
    />
  )
}

/** One task: title, cadence, reward, today's progress, and its state or the way to do it. */
function TaskRow({ task }: { task: MemberTask }) {
  const progress = capProgressText(task)
  return (
    <View className={`tasks__row${task.done ? ' tasks__row--done' : ''}`} data-task={task.key}>
      <View className='tasks__main'>
        <View className='tasks__title-line'>
          <Text className='tasks__title'>{task.title}</Text>
          <Text className={`tasks__cadence tasks__cadence--${task.cadence}`}>{cadenceText(task)}</Text>
        </View>
        <Text className='tasks__reward'>{rewardText(task.reward)}</Text>
        {progress && <Text className='tasks__progress'>{progress}</Text>}
        {!task.done && howToText[task.key] && <Text className='tasks__how'>{howToText[task.key]}</Text>}
      </View>
      <TaskAction task={task} />
    </View>
  )
}

/** Done: the badge. Otherwise the way to do it here, where there is one. */
function TaskAction({ task }: { task: MemberTask }) {
  if (task.done) return <Text className='tasks__done'>{doneText(task)}</Text>
  const go = (url: string) => () => void openPage(url)
  if (task.key === 'profile_completed')
    return (
      <Text className='tasks__go' onClick={go(routes.profile)}>
        去完善
      </Text>
    )
  if (task.key === 'sign_in')
    return (
      <Text className='tasks__go' onClick={go(routes.signIn)}>
        去签到
      </Text>
    )
  if (task.key === 'share')
    // Only WeChat can share; the browser build has no share sheet to open.
    return isWeapp ? (
      <Button className='tasks__go tasks__share' openType='share'>
        去分享
      </Button>
    ) : (
      <Text className='tasks__hint'>在小程序中分享</Text>
    )
  return null
}
