import { fireEvent, render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { meFixture } from '../../../test/fixtures'
import { TierRetain } from './tier-retain'

describe('TierRetain', () => {
  it('says the entry tier lasts without conditions', () => {
    render(<TierRetain me={meFixture(100)} />)
    expect(screen.getByText('普通会员长期有效')).toBeTruthy()
    expect(screen.getByText('开通会员即享，无需保级。')).toBeTruthy()
    expect(screen.queryByText('怎么算 ›')).toBeNull()
  })

  it('says a higher tier is kept, by when, and that all its growth still counts then', () => {
    const { container } = render(<TierRetain me={meFixture(620)} />)
    expect(container.querySelector('.tier-retain__headline-text')?.textContent).toBe('白银会员有效期至 2027年11月23日')
    expect(screen.getByText('已满足保级条件').className).toContain('--ok')
    expect(screen.getByText('到 2027年11月23日，现有 620 成长值仍全部计入，已达到保级所需的 400')).toBeTruthy()
  })

  it('says how much more by when when part of the growth leaves the window first, and how that is counted', () => {
    const me = meFixture(2514, {
      atRiskGrowth: 1314,
      retain: { threshold: 1600, byDay: '2027-11-23', growthKept: 1200, growthShort: 400, windowDays: 365 },
    })
    render(<TierRetain me={me} />)
    expect(screen.getByText('2027年11月23日前再获得 400 成长值即可保持黄金会员').className).toContain('--warn')
    expect(
      screen.getByText(
        '现有 2,514 成长值中，1,314 将在 2027年11月23日前满 365 天、不再计入；届时仍计入 1,200，保级需 1,600',
      ),
    ).toBeTruthy()
    fireEvent.click(screen.getByText('怎么算 ›'))
    expect(
      screen.getByText('当前成长值 2,514 = 到 2027年11月23日仍计入的 1,200 + 在此之前满 365 天的 1,314。'),
    ).toBeTruthy()
  })
})
