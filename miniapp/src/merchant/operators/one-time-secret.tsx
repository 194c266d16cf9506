import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ConsoleButton } from '../components/console-button'
import { ConsoleModal } from '../components/console-modal'

export interface OneTimeSecretProps {
  title: string
  /** What the secret is and what to do with it. */
  note: string
  secret: string | null
  testId: string
  onClose: () => void
}

/**
 * A password or API key the BFF gives once: shown large with a copy button, and gone when the dialog closes
 * (only its hash is kept). The backdrop does not close it, so it is not lost by a stray tap.
 */
export function OneTimeSecret({ title, note, secret, testId, onClose }: OneTimeSecretProps) {
  const copy = () => {
    if (secret) void Taro.setClipboardData({ data: secret }).catch(() => undefined)
  }
  return (
    <ConsoleModal
      open={secret !== null}
      title={title}
      actions={
        <>
          <ConsoleButton onClick={copy}>复制</ConsoleButton>
          <ConsoleButton kind='primary' onClick={onClose}>
            我已妥善保存
          </ConsoleButton>
        </>
      }
    >
      <View className='console-notice'>
        <Text>{note}</Text>
        <Text className='console-secret' data-testid={testId} userSelect>
          {secret}
        </Text>
        <Text className='console-muted'>关闭后将无法再次查看，请立即复制并妥善保存。</Text>
      </View>
    </ConsoleModal>
  )
}
