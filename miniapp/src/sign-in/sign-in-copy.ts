import type { SignInRewards, StreakBonus, UpcomingBonus } from '@mc/shared'

/** "+2 成长值 +5 积分"; a zero side is left out. */
export function rewardParts(rewards: SignInRewards): string {
  const parts: string[] = []
  if (rewards.growth > 0) parts.push(`+${rewards.growth} 成长值`)
  if (rewards.points > 0) parts.push(`+${rewards.points} 积分`)
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
  const what = [next.growth > 0 ? `${next.growth} 成长值` : '', next.points > 0 ? `${next.points} 积分` : '']
    .filter(Boolean)
    .join(' ')
  if (next.signInsNeeded === 1) return `${signedToday ? '明日' : '今日'}签到得 ${what}`
  return `再签 ${next.signInsNeeded} 天得 ${what}`
}

/** The make-up confirm text: the cost and what is left this month. */
export function makeUpConfirm(dayLabel: string, costPoints: number, left: number): string {
  return `补签${dayLabel}将消耗 ${costPoints} 积分，本月还可补签 ${left} 次`
}
