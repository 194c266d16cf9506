import type { ReactNode } from 'react'
import { View } from '@tarojs/components'
import '../../console.css'

export interface ConsoleButtonProps {
  kind?: 'primary' | 'default' | 'danger' | 'link'
  size?: 'normal' | 'small'
  block?: boolean
  disabled?: boolean
  /** Shows 处理中… and ignores taps until the request ends. */
  loading?: boolean
  className?: string
  testId?: string
  onClick?: () => void
  children: ReactNode
}

/** The console's button: one look on every page, sized for a finger on a phone and a pointer on a desktop. */
export function ConsoleButton({
  kind = 'default',
  size = 'normal',
  block,
  disabled,
  loading,
  className,
  testId,
  onClick,
  children,
}: ConsoleButtonProps) {
  const off = disabled || loading
  const classes = [
    'console-button',
    kind !== 'default' ? `console-button--${kind}` : '',
    size === 'small' ? 'console-button--small' : '',
    block ? 'console-button--block' : '',
    off ? 'console-button--disabled' : '',
    className ?? '',
  ]
  return (
    <View
      className={classes.filter(Boolean).join(' ')}
      {...({ role: 'button', 'aria-disabled': off ? 'true' : 'false' } as object)}
      data-testid={testId}
      onClick={() => {
        if (!off) onClick?.()
      }}
    >
      {loading ? '处理中…' : children}
    </View>
  )
}
