import type {
  BusinessDay,
  SignInCalendarDay,
  SignInCalendarResponse,
  SignInRewards,
  StreakBonus,
  UpcomingBonus,
} from '@mc/shared'
import { groupThousands, signedThousands } from '../format'

/** "+2 成长值 +5 积分"; a zero side is left out. */
export function rewardParts(rewards: SignInRewards): string {
  const parts: string[] = []
  if (rewards.growth > 0) parts.push(`${signedThousands(rewards.growth)} 成长值`)
  if (rewards.points > 0) parts.push(`${signedThousands(rewards.points)} 积分`)
  return parts.join(' ')
}

/** The toast after signing in: "签到成功 +2 成长值 +5 积分", plus the streak bonus on a second line. */
export function signInToast(rewards: SignInRewards, bonus?: StreakBonus | null): string {
  const head = `签到成功 ${rewardParts(rewards)}`.trim()
  return bonus ? `${head}\n连签第 ${bonus.day} 天奖励 ${rewardParts(bonus)}` : head
}

/** "再签 2 天得 30 积分"; the next sign-in itself earning it reads "明日签到得 …" / "今日签到得 …". */
export function nextBonusHint(next: UpcomingBonus | null, signedToday: boolean): string | null {
  if (!next) return null
  const what = [
    next.growth > 0 ? `${groupThousands(next.growth)} 成长值` : '',
    next.points > 0 ? `${groupThousands(next.points)} 积分` : '',
  ]
    .filter(Boolean)
    .join(' ')
  if (next.signInsNeeded === 1) return `${signedToday ? '明日' : '今日'}签到得 ${what}`
  return `再签 ${next.signInsNeeded} 天得 ${what}`
}

/** The make-up confirm text: the cost and what is left this month. */
export function makeUpConfirm(dayLabel: string, costPoints: number, left: number): string {
  return `补签${dayLabel}将消耗 ${groupThousands(costPoints)} 积分，本月还可补签 ${left} 次`
}

/** What the page knows about a tapped day: the day itself, today's day and the make-up rules. */
export interface DayTapContext {
  today: BusinessDay
  makeUp: SignInCalendarResponse['makeUp']
}

/**
 * Why a tapped calendar day cannot be made up, as the toast says it; null when it can (the page then asks to
 * confirm the make-up). Every tap gets one of the two, so no tap goes unanswered.
 */
export function dayTapRefusal(day: SignInCalendarDay, context: DayTapContext): string | null {
  if (day.canMakeUp) return null
  switch (day.status) {
    case 'signed':
      return day.day === context.today ? '今天已签到，明天再来' : '这天已签到，无需补签'
    case 'made_up':
      return '这天已补签'
    case 'today':
      return '今天还没签到，点上方「签到」即可'
    case 'future':
      return '还没到这一天，到时再来签到'
    case 'before_join':
      return '这天您还未开通会员，无需补签'
    case 'missed':
      return missedDayRefusal(day.day, context)
  }
}

/** A missed day that cannot be made up: make-up is off, the day is outside this month, or none are left. */
function missedDayRefusal(day: BusinessDay, { today, makeUp }: DayTapContext): string {
  if (makeUp === null) return '当前活动不支持补签'
  if (day.slice(0, 7) !== today.slice(0, 7)) return '只能补签本月漏签的日期'
  if (makeUp.left === 0) return `本月 ${makeUp.perMonth} 次补签机会已用完`
  return '这天暂时不能补签'
}
