import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { historyEntry } from '../../../test/points-fixtures'
import { HistoryRow } from './history-row'

describe('HistoryRow', () => {
  it('shows the reason, the Shanghai date and time, a green signed gain and the balance after it', () => {
    const entry = historyEntry(4, {
      amount: 1188,
      balanceAfter: 2997,
      reason: '订单 demo-1-2 实付 ¥990.00',
      occurredAt: '2026-09-21T15:59:27.007Z',
    })
    const { container } = render(<HistoryRow type='points' entry={entry} />)
    expect(screen.getByText('订单 demo-1-2 实付 ¥990.00')).toBeTruthy()
    // 15:59 UTC is 23:59 the same day in Shanghai.
    expect(screen.getByText('2026-09-21 23:59')).toBeTruthy()
    expect(screen.getByText('+1,188')).toBeTruthy()
    expect(screen.getByText('余额 2,997')).toBeTruthy()
    expect(screen.getByText('购')).toBeTruthy()
    expect((container.firstChild as HTMLElement).className).toContain('history-row--in')
  })

  it('shows a deduction with its minus sign in the grey style', () => {
    const entry = historyEntry(5, {
      amount: -80,
      kind: 'refund',
      kindLabel: '订单退款',
      reason: '订单 demo-1-2 退款 ¥80.00',
      balanceAfter: 2434,
    })
    const { container } = render(<HistoryRow type='growth' entry={entry} />)
    expect(screen.getByText('-80')).toBeTruthy()
    // Growth is never grouped in thousands, as on the home card.
    expect(screen.getByText('成长值 2434')).toBeTruthy()
    expect(screen.getByText('退')).toBeTruthy()
    expect((container.firstChild as HTMLElement).className).toContain('history-row--out')
  })
})
