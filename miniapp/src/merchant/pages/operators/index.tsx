import { View } from '@tarojs/components'
import { ConsoleShell, useConsoleAccess } from '../../components/console-shell'
import { ApiKeysCard } from '../../operators/api-keys-card'
import { OperatorsCard } from '../../operators/operators-card'
import '../../console.css'
import './index.css'

export default function MerchantOperatorsPage() {
  const ready = useConsoleAccess('operators')
  return (
    <ConsoleShell active='operators' title='账号与密钥'>
      <View data-testid='merchant-operators'>
        <OperatorsCard ready={ready} />
        <ApiKeysCard ready={ready} />
      </View>
    </ConsoleShell>
  )
}
