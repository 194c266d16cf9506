import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { historyEntry } from '../../../test/points-fixtures'
import { HistoryRow } from './history-row'

describe('HistoryRow', () => {
  it('shows the order place, the Shanghai time with what was paid, a green gain and the balance', () => {
    const entry = historyEntry(4, {
      amount: 1188,
      balanceAfter: 2997,
      reason: '订单 demo-1-2 实付 ¥990.00',
      occurredAt: '2026-09-21T15:59:27.007Z',
      source: { type: 'order', channel: 'online', outletName: null, paidFen: 99_000, refundFen: null },
    })
    const { container } = render(<HistoryRow type='points' entry={entry} />)
    expect(screen.getByText('线上订单')).toBeTruthy()
    expect(screen.queryByText(/demo-1-2/)).toBeNull()
    // 15:59 UTC is 23:59 the same day in Shanghai.
    expect(screen.getByText('· 实付 ¥990.00').parentElement?.textContent).toBe('2026-09-21 23:59 · 实付 ¥990.00')
    // The date and time are one unbreakable piece (white-space: nowrap in history-row.css) beside the payment.
    expect(screen.getByText('2026-09-21 23:59').className).toContain('history-row__date')
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
      source: { type: 'order', channel: 'outlet', outletName: '静安店', paidFen: 9_900, refundFen: 8_000 },
    })
    const { container } = render(<HistoryRow type='growth' entry={entry} />)
    expect(screen.getByText('-80')).toBeTruthy()
    expect(screen.getByText('静安店退款')).toBeTruthy()
    expect(screen.getByText(/退款 ¥80\.00$/)).toBeTruthy()
    // Every balance is grouped in thousands, growth too.
    expect(screen.getByText('成长值 2,434')).toBeTruthy()
    expect(screen.getByText('退')).toBeTruthy()
    expect((container.firstChild as HTMLElement).className).toContain('history-row--out')
  })
})
