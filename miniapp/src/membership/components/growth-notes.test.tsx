import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { meFixture } from '../../../test/fixtures'
import { GrowthNotes } from './growth-notes'

describe('GrowthNotes', () => {
  it('says what keeps the tier, what is pending and what is at risk', () => {
    render(
      <GrowthNotes
        me={meFixture(620, {
          pendingGrowth: 50,
          atRiskGrowth: 120,
          retain: { threshold: 400, byDay: '2027-11-23', growthShort: 400 },
        })}
      />,
    )
    expect(screen.getByText('保级：2027年11月23日前累计成长值需达 400，还差 400')).toBeTruthy()
    expect(screen.getByText('待入账成长值 50')).toBeTruthy()
    expect(screen.getByText('120 成长值将于有效期内过期')).toBeTruthy()
  })

  it('says the tier is kept once nothing is short', () => {
    render(<GrowthNotes me={meFixture(620)} />)
    expect(screen.getByText('已满足保级条件')).toBeTruthy()
    expect(screen.queryByText(/待入账/)).toBeNull()
    expect(screen.queryByText(/将于有效期内过期/)).toBeNull()
  })

  it('renders nothing for an entry-tier member with nothing pending', () => {
    const { container } = render(<GrowthNotes me={meFixture(100)} />)
    expect(container.innerHTML).toBe('')
  })
})
