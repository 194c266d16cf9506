import type { MemberTask, TaskAmounts } from '@mc/shared'

/** "+5 成长值 · +10 积分"; a ledger worth nothing is left out, and a task worth nothing says so. */
export function rewardText(reward: TaskAmounts): string {
  const parts = [
    reward.growth > 0 ? `+${reward.growth} 成长值` : null,
    reward.points > 0 ? `+${reward.points} 积分` : null,
  ].filter((part) => part !== null)
  return parts.length > 0 ? parts.join(' · ') : '暂无奖励'
}

/** The cadence tag: 一次性 or 每日. */
export const cadenceText = (task: MemberTask) => (task.cadence === 'once' ? '一次性' : '每日')

/** What a daily task with a cap has credited today: "今日 5/10 成长值 · 5/10 积分"; null when uncapped or once. */
export function capProgressText(task: MemberTask): string | null {
  if (task.dailyCap === null || task.earnedToday === null) return null
  const { dailyCap: cap, earnedToday: earned, reward } = task
  const parts = [
    reward.growth > 0 ? `${earned.growth}/${cap.growth} 成长值` : null,
    reward.points > 0 ? `${earned.points}/${cap.points} 积分` : null,
  ].filter((part) => part !== null)
  return parts.length > 0 ? `今日 ${parts.join(' · ')}` : null
}

/** The done badge: 已完成 for a once task, 今日已完成 for a daily one. */
export const doneText = (task: MemberTask) => (task.cadence === 'once' ? '已完成' : '今日已完成')

/** How a task that happens elsewhere gets done, for the tasks with no button here. */
export const howToText: Partial<Record<MemberTask['key'], string>> = {
  first_order: '在商城完成首笔订单后自动发放，订单全额退款将收回',
  review: '在商城评价已购商品后自动发放',
}
