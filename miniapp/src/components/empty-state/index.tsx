import type { ReactNode } from 'react'
import { Empty } from '@nutui/nutui-react-taro'
import emptyImage from './empty.png'
import './index.css'

/** Nothing to show: NutUI's Empty with a `description` and optional `children` (e.g. a link) under it. */
export interface EmptyStateProps {
  description: string
  children?: ReactNode
}

// NutUI's default picture is a remote URL that cannot load offline or inside WeChat without a whitelisted
// domain. This one is local and under the build's 2 KB inlining limit, so it ships inside the page's script
// instead of as a file in the main package.
export function EmptyState({ description, children }: EmptyStateProps) {
  return (
    <Empty className='empty-state' image={emptyImage} imageSize={120} description={description}>
      {children}
    </Empty>
  )
}
