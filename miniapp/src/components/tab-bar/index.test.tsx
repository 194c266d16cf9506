import { fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { describe, expect, it, vi } from 'vitest'
import { TabBar } from './index'

describe('TabBar', () => {
  it('shows 首页, 积分商城 and 我的 with icons, the current one marked', () => {
    const { container } = render(<TabBar current='mall' />)
    expect(screen.getByTestId('tab-home').textContent).toBe('首页')
    expect(screen.getByTestId('tab-mall').getAttribute('aria-current')).toBe('page')
    expect(screen.getByTestId('tab-me').getAttribute('aria-current')).toBeNull()
    expect(container.querySelectorAll('.tab-bar__item--on')).toHaveLength(1)
    expect(container.querySelectorAll('.tab-bar .mc-icon')).toHaveLength(3)
    // The spacer keeps the page's last row clear of the fixed bar.
    expect(container.querySelector('.tab-bar__spacer')).not.toBeNull()
  })

  it('goes back to home when it lies below, and replaces the page with a tab that does not', async () => {
    const pages = vi.mocked(Taro.getCurrentPages)
    const back = vi.fn(async () => undefined)
    Object.assign(Taro, { navigateBack: back })
    pages.mockReturnValue([{ route: 'pages/home/index' }, { route: 'mall/pages/list/index' }] as never)
    render(<TabBar current='mall' />)
    fireEvent.click(screen.getByTestId('tab-home'))
    await vi.waitFor(() => expect(back).toHaveBeenCalledWith({ delta: 1 }))
    fireEvent.click(screen.getByTestId('tab-me'))
    await vi.waitFor(() =>
      expect(vi.mocked(Taro.redirectTo)).toHaveBeenLastCalledWith({ url: '/membership/pages/profile/index' }),
    )
    expect(vi.mocked(Taro.navigateTo)).not.toHaveBeenCalled()
    pages.mockReturnValue([])
  })
})
