import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { merchantMallItemRoute } from '../../../routes'
import { ConsoleButton } from '../../components/console-button'
import { ConsoleShell } from '../../components/console-shell'
import { Chip } from '../../mall/chip'
import { ItemsPanel } from '../../mall/items-panel'
import { ReconciliationPanel } from '../../mall/reconciliation-panel'
import { RedemptionsPanel } from '../../mall/redemptions-panel'
import { useCan } from '../../operator.store'
import '../../console.css'
import '../../mall/mall-console.css'
import { openPage } from '../../../open-page'

type MallTab = 'items' | 'redemptions' | 'reconciliation'

const tabLabels: Record<MallTab, string> = { items: '商品', redemptions: '兑换订单', reconciliation: '对账队列' }

/** 积分商城 in the console: items (filters, on/off sale, stock), redemptions (ship, refund), reconciliation. */
export default function MerchantMallPage() {
  const [tab, setTab] = useState<MallTab>(() => initialTab())
  const [notice, setNotice] = useState<string | null>(null)
  const canEdit = useCan('mall.edit')
  useEffect(() => {
    if (notice === null) return
    const timer = setTimeout(() => setNotice(null), 4000)
    return () => clearTimeout(timer)
  }, [notice])

  const actions = canEdit ? (
    <ConsoleButton kind='primary' testId='mall-new-item' onClick={() => void openPage(merchantMallItemRoute())}>
      新建商品
    </ConsoleButton>
  ) : undefined

  return (
    <ConsoleShell active='mall' title='积分商城' actions={actions}>
      <View className='console-chips mall-console__tabs'>
        {(Object.keys(tabLabels) as MallTab[]).map((key) => (
          <Chip key={key} on={tab === key} testId={`mall-tab-${key}`} onClick={() => setTab(key)}>
            {tabLabels[key]}
          </Chip>
        ))}
      </View>
      {notice ? (
        <View className='console-notice console-notice--success' data-testid='mall-notice'>
          {notice}
        </View>
      ) : null}
      {tab === 'items' && <ItemsPanel onNotice={setNotice} />}
      {tab === 'redemptions' && <RedemptionsPanel onNotice={setNotice} />}
      {tab === 'reconciliation' && <ReconciliationPanel onNotice={setNotice} />}
    </ConsoleShell>
  )
}

/** `?tab=redemptions` opens that tab (the home page's shortcuts link to it). */
function initialTab(): MallTab {
  const wanted = Taro.getCurrentInstance().router?.params.tab
  return wanted === 'redemptions' || wanted === 'reconciliation' ? wanted : 'items'
}
