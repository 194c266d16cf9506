import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import '../../console.css'

export interface ConsoleModalProps {
  open: boolean
  title: string
  /** Tapping the dimmed backdrop; leave out to keep the dialog open until a button closes it. */
  onClose?: () => void
  /** The buttons along the bottom. */
  actions?: ReactNode
  testId?: string
  children: ReactNode
}

/** A centred dialog over a dimmed page, full width on a phone and 520 px wide on a desktop. */
export function ConsoleModal({ open, title, onClose, actions, testId, children }: ConsoleModalProps) {
  if (!open) return null
  return (
    <View className='console-modal' onClick={() => onClose?.()}>
      <View
        className='console-modal__panel'
        data-testid={testId}
        {...({ role: 'dialog', 'aria-label': title } as object)}
        onClick={(event) => event.stopPropagation()}
      >
        <Text className='console-modal__title'>{title}</Text>
        {children}
        {actions ? <View className='console-modal__actions'>{actions}</View> : null}
      </View>
    </View>
  )
}
