import {
  awardForEvent,
  businessDayOf,
  shareDailyCap,
  type EarningSource,
  type MemberTask,
  type MemberTasksResponse,
  type ProgramRules,
  type TaskAmounts,
} from '@mc/shared'
import type { Deps } from '../deps'
import { publishedProgram } from '../program/published-program'
import { joinedDayOf } from '../sign-in/sign-in-days'
import { standingFirstOrder } from './first-order'
import { earnedOnDay } from './task-day-totals'

type SourceKey = 'profileCompleted' | 'firstOrder' | 'signIn' | 'share' | 'review'

const both = (rules: ProgramRules, key: SourceKey, of: (source: EarningSource) => number): TaskAmounts => ({
  growth: of(rules.growth.sources[key]),
  points: of(rules.points.sources[key]),
})

/** A daily task is done once every ledger it pays on has reached its cap (capless: never, there is always more). */
const capReached = (earned: TaskAmounts, cap: TaskAmounts | null, reward: TaskAmounts) =>
  cap !== null &&
  (['growth', 'points'] as const).some((l) => reward[l] > 0) &&
  (['growth', 'points'] as const).every((l) => reward[l] === 0 || earned[l] >= cap[l])

const capOf = (rules: ProgramRules, key: SourceKey): TaskAmounts | null => {
  const { growth, points } = { growth: rules.growth.sources[key], points: rules.points.sources[key] }
  if (key === 'share') return { growth: shareDailyCap(growth), points: shareDailyCap(points) }
  if (growth.dailyCap === null && points.dailyCap === null) return null
  return { growth: growth.dailyCap ?? Number.MAX_SAFE_INTEGER, points: points.dailyCap ?? Number.MAX_SAFE_INTEGER }
}

/**
 * The member's tasks under the published rules, for the tasks page. Done is read from what the tasks left:
 * the profile's completion mark (set once by the profile-completed task), a first-order credit that no refund has
 * taken back, today's sign-in, and today's share and review entries against their caps.
 */
export async function memberTasks(deps: Deps, memberId: string): Promise<MemberTasksResponse> {
  const { db, clock } = deps
  const program = await publishedProgram(db)
  const { rules } = program
  await joinedDayOf(db, memberId, rules.calendar)
  const day = businessDayOf(clock.now(), rules.calendar)
  const reward = (key: SourceKey) => both(rules, key, (source) => awardForEvent(source))
  const member = await db
    .selectFrom('members')
    .select('profile_completed_at')
    .where('id', '=', memberId)
    .executeTakeFirstOrThrow()
  const signedToday = await db
    .selectFrom('sign_ins')
    .select('business_day')
    .where('member_id', '=', memberId)
    .where('business_day', '=', day)
    .executeTakeFirst()
  const daily = async (key: 'share' | 'review', title: string): Promise<MemberTask> => {
    const earnedToday = await earnedOnDay(db, memberId, key, day)
    const dailyCap = capOf(rules, key)
    const task = { key, title, cadence: 'daily' as const, reward: reward(key), dailyCap, earnedToday }
    return { ...task, done: capReached(earnedToday, dailyCap, task.reward) }
  }
  const once = (key: 'profile_completed' | 'first_order', source: SourceKey, title: string, done: boolean) => ({
    key,
    title,
    cadence: 'once' as const,
    reward: reward(source),
    dailyCap: null,
    earnedToday: null,
    done,
  })
  const tasks: MemberTask[] = [
    once('profile_completed', 'profileCompleted', '完善个人资料', member.profile_completed_at !== null),
    once('first_order', 'firstOrder', '完成首单', await standingFirstOrder(db, memberId)),
    {
      key: 'sign_in',
      title: '每日签到',
      cadence: 'daily',
      reward: reward('signIn'),
      dailyCap: null,
      earnedToday: await earnedOnDay(db, memberId, 'sign_in', day),
      done: signedToday !== undefined,
    },
    await daily('share', '分享给好友'),
    await daily('review', '评价订单'),
  ]
  return { businessDay: day, tasks }
}
