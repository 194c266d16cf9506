import { bonusOn, daysBetween, type SignInCalendarDay, type SignInCalendarResponse } from '@mc/shared'
import { groupThousands, signedThousands } from '../format'

/** What signing in on a day still ahead gives, if the shopper signs in every day from today on. */
export interface DayReward {
  growth: number
  points: number
  /** The day reaches a streak milestone of the rules (连签第 N 天), so its reward includes that bonus. */
  milestone: boolean
}

/**
 * The reward of each day from today (while not yet signed) to the month's end, from the program's sign-in rules as
 * the calendar answer carries them: today's base reward, plus the streak bonus of the cycle day that day would
 * reach. Signed, missed and past days are not in the map: what they gave is in the history.
 */
export function dayRewards(calendar: SignInCalendarResponse): Map<string, DayReward> {
  const rules = { cycleDays: calendar.cycleDays, streakBonuses: calendar.bonuses, makeUp: null }
  const base = calendar.today.rewards
  const rewards = new Map<string, DayReward>()
  for (const d of calendar.days) {
    if (d.status !== 'today' && d.status !== 'future') continue
    // Today's cycle day is the one its sign-in has or would have; each later day is one further on in the cycle.
    const ahead = daysBetween(calendar.today.day, d.day)
    const cycleDay = ((calendar.today.cycleDay - 1 + ahead) % calendar.cycleDays) + 1
    const bonus = bonusOn(rules, cycleDay)
    rewards.set(d.day, {
      growth: base.growth + (bonus?.growth ?? 0),
      points: base.points + (bonus?.points ?? 0),
      milestone: bonus !== null,
    })
  }
  return rewards
}

/** A cell's reward as it fits under the date: "+5" (points), or "+2" growth when the day gives no points. */
export function dayRewardMark(reward: DayReward): string {
  return signedThousands(reward.points > 0 ? reward.points : reward.growth)
}

/** Spoken for screen readers, and the reason a shopper taps a day ahead: "签到可得 5 积分，连签奖励日". */
export function dayRewardLabel(day: SignInCalendarDay, reward: DayReward): string {
  const parts = [
    reward.points > 0 ? `${groupThousands(reward.points)} 积分` : '',
    reward.growth > 0 ? `${groupThousands(reward.growth)} 成长值` : '',
  ]
  const what = parts.filter(Boolean).join(' ')
  return `${Number(day.day.slice(8))}日签到可得 ${what}${reward.milestone ? '，连签奖励日' : ''}`
}
