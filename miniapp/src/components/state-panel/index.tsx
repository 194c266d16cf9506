import { Text, View } from '@tarojs/components'
import { ActionButton } from '../action-button'
import { type Glyph, Icon } from '../icon'
import './index.css'

/** A button under the panel; the first is usually the solid one. */
export interface StateAction {
  label: string
  onClick: () => void
  /** `solid` for the way on, `outline` for a way back. */
  look?: 'solid' | 'outline'
  loading?: boolean
  testId?: string
}

export interface StatePanelProps {
  glyph: Glyph
  title: string
  message: string
  actions: readonly StateAction[]
  testId?: string
}

/**
 * A page that has nothing to show and says why: an icon on a white disc, a title, a message and the ways on. The
 * failed load (ErrorState) and the not-found pages are all drawn by it, so they look and behave alike.
 */
export function StatePanel({ glyph, title, message, actions, testId }: StatePanelProps) {
  return (
    <View className='state-panel' data-testid={testId}>
      <View className='state-panel__icon'>
        <Icon glyph={glyph} size='xl' color='#b0b5bf' />
      </View>
      <Text className='state-panel__title'>{title}</Text>
      <Text className='state-panel__message'>{message}</Text>
      {actions.length > 0 && (
        <View className='state-panel__actions'>
          {actions.map((action) => (
            <ActionButton
              key={action.label}
              className='state-panel__button'
              type='primary'
              fill={action.look === 'outline' ? 'outline' : 'solid'}
              loading={action.loading}
              data-testid={action.testId}
              onClick={action.onClick}
            >
              {action.label}
            </ActionButton>
          ))}
        </View>
      )}
    </View>
  )
}
