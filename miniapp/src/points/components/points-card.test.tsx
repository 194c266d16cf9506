import Taro from '@tarojs/taro'
import { fireEvent, render, screen } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { pointsFixture } from '../../../test/fixtures'
import { PointsCard } from './points-card'

describe('PointsCard', () => {
  it('shows the balance with thousands separators and what lapses within 30 days', () => {
    render(<PointsCard points={pointsFixture({ balance: 1280, available: 1280, expiringSoon: 200 })} />)
    expect(screen.getByText('积分')).toBeTruthy()
    expect(screen.getByText('1,280')).toBeTruthy()
    expect(screen.getByText('30 天内将过期 200 积分')).toBeTruthy()
    expect(screen.queryByRole('alert')).toBeNull()
    expect(screen.queryByText(/冻结/)).toBeNull()
  })

  it('leaves out the expiry line when nothing lapses soon, and shows held points when there are some', () => {
    render(<PointsCard points={pointsFixture({ balance: 1280, available: 1200, held: 80 })} />)
    expect(screen.queryByText(/将过期/)).toBeNull()
    expect(screen.getByText('可用 1,200 · 冻结 80')).toBeTruthy()
  })

  it('warns clearly while a refund clawback leaves the member in debt', () => {
    render(<PointsCard points={pointsFixture({ balance: -80, debt: 80 })} />)
    expect(screen.getByText('-80')).toBeTruthy()
    const warning = screen.getByText('因退款扣回积分，当前欠 80 积分，欠分还清前暂不能使用积分')
    expect(screen.getByRole('alert').contains(warning)).toBe(true)
  })

  it('opens the points history from the balance and the expiring page from the expiry line', () => {
    const navigateTo = vi.mocked(Taro.navigateTo)
    navigateTo.mockClear()
    render(<PointsCard points={pointsFixture({ balance: 1280, available: 1280 })} />)
    fireEvent.click(screen.getByText('明细 ›'))
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/points/pages/history/index?type=points' })
    // With nothing lapsing soon the line still leads to the expiry dates and rule.
    fireEvent.click(screen.getByText('30 天内没有积分过期'))
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/points/pages/expiring/index' })
  })
})
