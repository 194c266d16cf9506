import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { legalDocumentKinds, type LegalDocumentKind, type LegalDocumentView } from '@mc/shared'
import { routes } from '../../../routes'
import { ConsoleButton } from '../../components/console-button'
import { ConsoleShell, useConsoleAccess } from '../../components/console-shell'
import { consoleCall } from '../../console-call'
import { LegalDocumentEditor } from '../../legal/legal-document-editor'
import { useCan } from '../../operator.store'
import { useConsoleLoad } from '../../use-console-load'
import '../../console.css'
import '../../legal/legal.css'

type Documents = Record<LegalDocumentKind, LegalDocumentView>

/** The 用户协议 and 隐私政策 shoppers accept at login: read both, and edit them with the program.edit permission. */
export default function MerchantLegalPage() {
  const ready = useConsoleAccess('program')
  const mayEdit = useCan('program.edit')
  const loaded = useConsoleLoad<Documents>(ready, async () => {
    const [terms, privacy] = await Promise.all(
      legalDocumentKinds.map((kind) => consoleCall((api) => api.legal[':kind'].$get({ param: { kind } }))),
    )
    return { terms: terms!, privacy: privacy! }
  })
  const back = () => void Taro.navigateBack().catch(() => Taro.redirectTo({ url: routes.merchantProgram }))

  return (
    <ConsoleShell active='program' title='用户协议与隐私政策'>
      <View className='legal-back'>
        <ConsoleButton kind='link' onClick={back}>
          ‹ 返回会员规则
        </ConsoleButton>
      </View>
      {loaded.failure ? (
        <View className='console-notice console-notice--error'>
          {loaded.failure.message}
          <ConsoleButton size='small' onClick={() => void loaded.reload()}>
            重试
          </ConsoleButton>
        </View>
      ) : null}
      {!mayEdit && loaded.data ? (
        <View className='console-notice'>修改协议需要“编辑会员规则”权限，当前仅可查看。</View>
      ) : null}
      {loaded.data ? (
        legalDocumentKinds.map((kind) => (
          <LegalDocumentEditor
            key={kind}
            document={loaded.data![kind]}
            mayEdit={mayEdit}
            onSaved={() => void loaded.reload()}
          />
        ))
      ) : !loaded.failure ? (
        <View className='console-empty'>加载中…</View>
      ) : null}
    </ConsoleShell>
  )
}
