import Taro from '@tarojs/taro'
import { NetworkErrorGlyph } from '../icon/glyphs'
import { routes } from '../../routes'
import { type StateAction, StatePanel } from '../state-panel'

/** A failed load: the `message` from the API, a 重试 button that calls `onRetry`, and on H5 a way back. */
export interface ErrorStateProps {
  message: string
  onRetry: () => void
  retrying?: boolean
}

export function ErrorState({ message, onRetry, retrying = false }: ErrorStateProps) {
  const back = wayBack()
  const actions: StateAction[] = [{ label: '重试', onClick: onRetry, loading: retrying, testId: 'error-retry' }]
  if (back) actions.push(back)
  return <StatePanel glyph={NetworkErrorGlyph} title='加载失败' message={message} actions={actions} />
}

/**
 * The H5 build has no navigation bar, so a page that keeps failing would be a dead end: 返回 when a page lies
 * below, 返回首页 when it was opened directly; nothing on home itself. On weapp WeChat's bar has both.
 */
function wayBack(): StateAction | null {
  if (process.env.TARO_ENV !== 'h5') return null
  const pages = Taro.getCurrentPages()
  if (pages.length > 1) {
    return { label: '返回', look: 'outline', testId: 'error-back', onClick: () => void Taro.navigateBack() }
  }
  const shown = pages[0]?.route
  if (shown === undefined || `/${shown.replace(/^\/+/, '')}` === routes.home) return null
  return {
    label: '返回首页',
    look: 'outline',
    testId: 'error-home',
    onClick: () => void Taro.reLaunch({ url: routes.home }),
  }
}
