import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Toast } from '@nutui/nutui-react-taro'
import { ActionButton } from '../components/action-button'
import { useMembershipStore } from '../membership/membership.store'
import { openPage } from '../open-page'
import { legalDocumentRoute } from '../routes'
import { useLegalStore } from './legal.store'
import './legal-update-prompt.css'

const toastId = 'legal-update-toast'

/**
 * Asks a member to accept the 用户协议 or 隐私政策 when the version in force is newer than the one they accepted
 * (or they never accepted one): shown over the page on open, with links to the texts. 同意并继续 records the
 * versions shown; a version replaced meanwhile is refused by the BFF and the prompt shows the newer one.
 */
export function LegalUpdatePrompt() {
  const acceptance = useLegalStore((s) => s.acceptance)
  const [agreeing, setAgreeing] = useState(false)
  useEffect(() => {
    void useLegalStore.getState().loadAcceptance()
  }, [])

  const pending = acceptance?.pending ?? []
  if (pending.length === 0) return null

  const agree = async () => {
    setAgreeing(true)
    const legal = useLegalStore.getState()
    const answer = await legal.accept(pending.map(({ kind, version }) => ({ kind, version })))
    setAgreeing(false)
    if (answer === null) {
      const failure = useLegalStore.getState().error
      Toast.show(toastId, { content: failure?.message ?? '提交失败，请重试', icon: 'fail' })
      if (failure?.code === 'LEGAL_VERSION_NOT_CURRENT') void legal.loadAcceptance()
    }
  }

  return (
    <View className='legal-update' data-testid='legal-update-prompt'>
      <Toast id={toastId} />
      <View className='legal-update__sheet' role='dialog' aria-modal='true'>
        <Text className='legal-update__title'>协议更新提示</Text>
        <Text className='legal-update__text'>
          为更好地保障您的权益，我们更新了
          {pending.map((doc, index) => (
            <Text key={doc.kind}>
              {index > 0 ? '和' : ''}
              <Text className='legal-update__link' onClick={() => void openPage(legalDocumentRoute(doc.kind))}>
                《{doc.title}》
              </Text>
            </Text>
          ))}
          。请阅读更新后的内容，点击“同意并继续”即表示您已阅读并同意。
        </Text>
        <ActionButton
          className='legal-update__agree'
          type='primary'
          size='large'
          block
          loading={agreeing}
          onClick={() => void agree()}
        >
          同意并继续
        </ActionButton>
        <Text className='legal-update__leave' onClick={() => void useMembershipStore.getState().logout()}>
          不同意，退出登录
        </Text>
      </View>
    </View>
  )
}
