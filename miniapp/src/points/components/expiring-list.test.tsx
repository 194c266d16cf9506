import { render } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { ExpiringList } from './expiring-list'

describe('ExpiringList', () => {
  it('reads one line per day with the days left, red within 30 days and calm after', () => {
    const { container } = render(
      <ExpiringList
        days={[
          { day: '2026-12-10', points: 80 },
          { day: '2027-12-31', points: 1600 },
        ]}
        now={new Date('2026-11-23T04:00:00Z')}
      />,
    )
    const lines = [...container.querySelectorAll('.expiring-list__text')].map((el) => el.textContent)
    expect(lines).toEqual(['2026年12月10日 过期 80 积分', '2027年12月31日 过期 1,600 积分'])
    const rows = container.querySelectorAll('.expiring-list__row')
    expect(rows[0].className).toContain('expiring-list__row--soon')
    expect(rows[0].textContent).toContain('还剩 17 天')
    expect(rows[1].className).not.toContain('--soon')
    expect(rows[1].className).toContain('expiring-list__row--later')
  })
})
