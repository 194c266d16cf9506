import { Text, View } from '@tarojs/components'
import { NetworkError } from '@nutui/icons-react-taro'
import { ActionButton } from '../action-button'
import './index.css'

/** A failed load: the `message` from the API and a 重试 button that calls `onRetry`. */
export interface ErrorStateProps {
  message: string
  onRetry: () => void
  retrying?: boolean
}

export function ErrorState({ message, onRetry, retrying = false }: ErrorStateProps) {
  return (
    <View className='error-state'>
      <View className='error-state__icon'>
        <NetworkError size={40} color='#b0b5bf' />
      </View>
      <Text className='error-state__title'>加载失败</Text>
      <Text className='error-state__message'>{message}</Text>
      <ActionButton className='error-state__retry' type='primary' fill='outline' loading={retrying} onClick={onRetry}>
        重试
      </ActionButton>
    </View>
  )
}
