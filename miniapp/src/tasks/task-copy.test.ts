import { describe, expect, it } from 'vitest'
import type { MemberTask } from '@mc/shared'
import { capProgressText, doneText, rewardText } from './task-copy'

const share: MemberTask = {
  key: 'share',
  title: '分享给好友',
  cadence: 'daily',
  reward: { growth: 5, points: 0 },
  dailyCap: { growth: 10, points: 10 },
  earnedToday: { growth: 5, points: 0 },
  done: false,
}

describe('task copy', () => {
  it.each([
    [{ growth: 5, points: 10 }, '+5 成长值 · +10 积分'],
    [{ growth: 0, points: 10 }, '+10 积分'],
    [{ growth: 0, points: 0 }, '暂无奖励'],
  ])('rewardText(%o) is %s', (reward, text) => expect(rewardText(reward)).toBe(text))

  it('shows today’s progress against the cap only for the ledgers the task pays on', () => {
    expect(capProgressText(share)).toBe('今日 5/10 成长值')
    expect(capProgressText({ ...share, dailyCap: null })).toBeNull()
  })

  it('says 已完成 for a once task and 今日已完成 for a daily one', () => {
    expect(doneText(share)).toBe('今日已完成')
    expect(doneText({ ...share, cadence: 'once' })).toBe('已完成')
  })
})
