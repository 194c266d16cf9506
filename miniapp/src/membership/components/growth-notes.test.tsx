import { fireEvent, render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { meFixture } from '../../../test/fixtures'
import { GrowthNotes } from './growth-notes'

const allAtRisk = meFixture(3023, {
  pendingGrowth: 50,
  atRiskGrowth: 3023,
  retain: { threshold: 1600, byDay: '2027-11-23', growthKept: 0, growthShort: 1600, windowDays: 365 },
})

describe('GrowthNotes', () => {
  it('says how much more by when keeps the tier, and why, beside what is pending', () => {
    render(<GrowthNotes me={allAtRisk} />)
    expect(screen.getByText('2027年11月23日前再获得 1,600 成长值即可保持黄金会员')).toBeTruthy()
    expect(
      screen.getByText('现有 3,023 成长值都将在 2027年11月23日前满 365 天、不再计入；保级需在此之前新获得 1,600'),
    ).toBeTruthy()
    expect(screen.getByText('待入账成长值 50')).toBeTruthy()
    // The old unexplained alarm is gone: the retain row says what lapses.
    expect(screen.queryByText(/将于有效期内过期/)).toBeNull()
  })

  it('opens and closes the 怎么算 sheet', () => {
    render(<GrowthNotes me={allAtRisk} />)
    expect(screen.queryByText(/^成长值自获得之日起计入 365 天/)).toBeNull()
    fireEvent.click(screen.getByText('怎么算 ›'))
    expect(screen.getByText('成长值自获得之日起计入 365 天，满 365 天后不再计入等级。')).toBeTruthy()
    expect(
      screen.getByText('当前成长值 3,023 = 到 2027年11月23日仍计入的 0 + 在此之前满 365 天的 3,023。'),
    ).toBeTruthy()
    fireEvent.click(screen.getByText('收起'))
    expect(screen.queryByText(/^成长值自获得之日起计入/)).toBeNull()
  })

  it('says the tier is kept once nothing is short', () => {
    render(<GrowthNotes me={meFixture(620)} />)
    expect(screen.getByText('已满足保级条件')).toBeTruthy()
    expect(screen.getByText('到 2027年11月23日，现有 620 成长值仍全部计入，已达到保级所需的 400')).toBeTruthy()
    expect(screen.queryByText(/待入账/)).toBeNull()
  })

  it('renders nothing for an entry-tier member with nothing pending', () => {
    const { container } = render(<GrowthNotes me={meFixture(100)} />)
    expect(container.innerHTML).toBe('')
  })
})
