import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { meFixture } from '../../../test/fixtures'
import { TierRetain } from './tier-retain'

describe('TierRetain', () => {
  it('says the entry tier lasts without conditions', () => {
    render(<TierRetain me={meFixture(100)} />)
    expect(screen.getByText('普通会员长期有效')).toBeTruthy()
    expect(screen.getByText('开通会员即享，无需保级。')).toBeTruthy()
    expect(screen.queryByText(/即可保持/)).toBeNull()
  })

  it('says what keeps a higher tier, by when, and that it is already kept', () => {
    const { container } = render(<TierRetain me={meFixture(620)} />)
    expect(container.querySelector('.tier-retain__headline-text')?.textContent).toBe('白银会员有效期至 2027年11月23日')
    expect(screen.getByText('2027年11月23日前累计成长值达到 400，即可保持白银会员')).toBeTruthy()
    expect(screen.getByText('已满足保级条件')).toBeTruthy()
  })

  it('says how much is short, and why when growth leaves the window first', () => {
    const me = meFixture(2514, {
      atRiskGrowth: 2514,
      retain: { threshold: 1600, byDay: '2027-11-23', growthShort: 1600 },
    })
    render(<TierRetain me={me} />)
    expect(screen.getByText('2027年11月23日前累计成长值达到 1600，即可保持黄金会员')).toBeTruthy()
    expect(screen.getByText('还差 1600 成长值')).toBeTruthy()
    expect(screen.getByText('2514 成长值将在此之前过期')).toBeTruthy()
  })
})
