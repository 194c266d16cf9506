import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { meFixture } from '../../../test/fixtures'
import { TierCard } from './tier-card'

describe('TierCard', () => {
  it('shows the tier, the member, the progress sentence and the percent', () => {
    const { container } = render(<TierCard me={meFixture(100)} />)
    expect(screen.getByText('普通会员')).toBeTruthy()
    expect(screen.getByText('小程')).toBeTruthy()
    expect(screen.getByText('138****0000')).toBeTruthy()
    expect(screen.getByText('再得 400 成长值升级白银会员')).toBeTruthy()
    expect(screen.getByText('20%')).toBeTruthy()
    expect(container.querySelector('.tier-card--grey')).not.toBeNull()
  })

  it('tells a top-tier member there is nothing left to reach', () => {
    const { container } = render(<TierCard me={meFixture(2600)} />)
    expect(screen.getByText('黄金会员')).toBeTruthy()
    expect(screen.getByText('您已是最高等级')).toBeTruthy()
    expect(screen.getByText('100%')).toBeTruthy()
    expect(container.querySelector('.tier-card--gold')).not.toBeNull()
  })
})
