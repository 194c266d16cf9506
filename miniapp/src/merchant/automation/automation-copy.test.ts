import { describe, expect, it } from 'vitest'
import { deliveryNote } from './automation-copy'

describe('deliveryNote', () => {
  it('says the members are still being chosen while the plan grows', () => {
    expect(deliveryNote({ planned: 1_200, delivered: 0, minutesLeft: null }, 4_800)).toBe(
      '正在圈选会员（已覆盖 4,800 人），圈选完成后估算剩余时间',
    )
  })

  it('gives the minutes left while messages wait, and 全部送达 once none do', () => {
    expect(deliveryNote({ planned: 900_000, delivered: 120_000, minutesLeft: 13 }, 1_000_000)).toBe(
      '预计 13 分钟内全部送达（每分钟送达 60,000 条，先发送的活动先送达）',
    )
    expect(deliveryNote({ planned: 900_000, delivered: 900_000, minutesLeft: 0 }, 1_000_000)).toBe('全部送达')
  })
})
