import { fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { describe, expect, it, vi } from 'vitest'
import { ErrorState } from './index'

describe('ErrorState', () => {
  it('offers 重试 and, with a page below, 返回', () => {
    const back = vi.fn(async () => undefined)
    Object.assign(Taro, { navigateBack: back })
    vi.mocked(Taro.getCurrentPages).mockReturnValueOnce([{ route: 'pages/home/index' }, { route: 'x/y' }] as never)
    const onRetry = vi.fn()
    render(<ErrorState message='网络不可用' onRetry={onRetry} />)
    fireEvent.click(screen.getByText('重试'))
    expect(onRetry).toHaveBeenCalled()
    fireEvent.click(screen.getByText('返回'))
    expect(back).toHaveBeenCalled()
  })

  it('offers 返回首页 on a page opened straight from a link, and no way back on home itself', () => {
    vi.mocked(Taro.getCurrentPages).mockReturnValueOnce([{ route: 'points/pages/history/index' }] as never)
    const { unmount } = render(<ErrorState message='网络不可用' onRetry={() => undefined} />)
    fireEvent.click(screen.getByText('返回首页'))
    expect(vi.mocked(Taro.reLaunch)).toHaveBeenLastCalledWith({ url: '/pages/home/index' })
    unmount()
    vi.mocked(Taro.getCurrentPages).mockReturnValueOnce([{ route: 'pages/home/index' }] as never)
    render(<ErrorState message='网络不可用' onRetry={() => undefined} />)
    expect(screen.queryByText('返回首页')).toBeNull()
    expect(screen.queryByText('返回')).toBeNull()
  })
})
