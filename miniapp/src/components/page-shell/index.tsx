import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { ErrorState } from '../error-state'
import './index.css'

/** A page whose data has not arrived yet. */
export interface PagePlaceholderProps {
  /** The page's own classes, put beside `page-shell`. */
  className: string
  /** The page's own class for the 加载中… line. */
  loadingClassName: string
  /** Why the first load failed, or null while it is still loading. */
  failure: string | null
  retrying?: boolean
  onRetry: () => void
  /** Shown first inside the page, e.g. its Toast. */
  children?: ReactNode
}

/** The page frame with the failure and a retry once the first load failed, or a 加载中… line until then. */
export function PagePlaceholder({
  className,
  loadingClassName,
  failure,
  retrying,
  onRetry,
  children,
}: PagePlaceholderProps) {
  return (
    <View className={`page-shell ${className}`}>
      {children}
      {failure !== null ? (
        <ErrorState message={failure} retrying={retrying} onRetry={onRetry} />
      ) : (
        <View className={`page-shell__loading ${loadingClassName}`}>
          <Text>加载中…</Text>
        </View>
      )}
    </View>
  )
}
