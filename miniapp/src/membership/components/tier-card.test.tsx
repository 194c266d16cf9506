import Taro from '@tarojs/taro'
import { fireEvent, render, screen } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { meFixture, tiers } from '../../../test/fixtures'
import { TierCard } from './tier-card'

describe('TierCard', () => {
  it('shows the tier, the member, the progress sentence, the cheapest paths and the percent', () => {
    render(<TierCard me={meFixture(100)} />)
    expect(screen.getByText('普通会员')).toBeTruthy()
    expect(screen.getByText('小程')).toBeTruthy()
    expect(screen.getByText('138****0000')).toBeTruthy()
    expect(screen.getByText('再得 400 成长值升级白银会员')).toBeTruthy()
    expect(screen.getByText('再下一单满 ¥400.00 或签到 200 天即可升级')).toBeTruthy()
    expect(screen.getByText('20%')).toBeTruthy()
    // The entry tier never lapses, so there is no validity line.
    expect(screen.queryByText(/有效期至/)).toBeNull()
  })

  it('shows how long a higher tier lasts', () => {
    render(<TierCard me={meFixture(620)} />)
    expect(screen.getByText('有效期至 2027年11月23日')).toBeTruthy()
  })

  it('tells a top-tier member there is nothing left to reach', () => {
    render(<TierCard me={meFixture(2600)} />)
    expect(screen.getByText('黄金会员')).toBeTruthy()
    expect(screen.getByText('您已是最高等级')).toBeTruthy()
    expect(screen.getByText('100%')).toBeTruthy()
    expect(screen.queryByText(/即可升级/)).toBeNull()
  })

  it('colours the badge from the tier colour, not from its place on the ladder', () => {
    const violet = { ...tiers[0], color: '#7b3fe4' }
    const { container } = render(<TierCard me={meFixture(0, { tier: violet })} />)
    const badge = screen.getByText('普通会员').parentElement as HTMLElement
    // #7b3fe4 halfway to black is #3e2072, i.e. rgb(62, 32, 114).
    expect(badge.style.color).toBe('rgb(62, 32, 114)')
    expect((container.firstChild as HTMLElement).style.background).toContain('linear-gradient')
  })

  it('leads to the growth history from the growth value and to the tier page from the badge', async () => {
    const navigateTo = vi.mocked(Taro.navigateTo)
    navigateTo.mockClear()
    render(<TierCard me={meFixture(620)} />)
    // Through openPage, which on H5 fetches the page's code before it navigates.
    fireEvent.click(screen.getByText('明细 ›'))
    await vi.waitFor(() =>
      expect(navigateTo).toHaveBeenLastCalledWith({ url: '/points/pages/history/index?type=growth' }),
    )
    fireEvent.click(screen.getByText('白银会员'))
    await vi.waitFor(() => expect(navigateTo).toHaveBeenLastCalledWith({ url: '/membership/pages/tiers/index' }))
  })

  it('groups the growth value and the goal like every other count', () => {
    render(<TierCard me={meFixture(3023)} />)
    expect(screen.getByText('3,023')).toBeTruthy()
  })
})
